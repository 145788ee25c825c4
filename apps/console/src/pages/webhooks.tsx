import type { WebhookDelivery } from '@ads/sdk/console';
import { Alert, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api, errorText } from '../api';
import { CopyField } from '../components/copy-field';
import { ListState } from '../components/list-state';
import { TableScroll } from '../components/table-scroll';
import { when } from '../components/times';
import { useLoad } from '../components/use-load';
import { useSignedIn } from '../session';
import { PageTitle } from './page-title';

function Deliveries({ endpointId, workspaceId }: { endpointId: string; workspaceId: string }) {
  const deliveries = useLoad(
    () => api.webhooks.deliveries(endpointId, { workspace_id: workspaceId }),
    [endpointId, workspaceId],
  );
  const [note, setNote] = useState<string | undefined>();
  const redeliver = async (delivery: WebhookDelivery) => {
    try {
      await api.webhooks.redeliver(endpointId, delivery.id, { workspace_id: workspaceId });
      setNote(`Event ${delivery.event_id} is queued again.`);
      deliveries.reload();
    } catch (failure) {
      setNote(errorText(failure));
    }
  };
  return (
    <Stack gap="xs">
      {note && (
        <Text size="sm" role="status">
          {note}
        </Text>
      )}
      <ListState
        loaded={deliveries}
        label="deliveries"
        isEmpty={(page) => page.data.length === 0}
        empty="No deliveries yet."
      >
        {(page) => (
          <TableScroll label="Deliveries">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Task</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Attempts</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Action</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.data.map((delivery) => (
                  <Table.Tr key={delivery.id}>
                    <Table.Td>{delivery.event_type}</Table.Td>
                    <Table.Td>{delivery.task_id.slice(0, 8)}</Table.Td>
                    <Table.Td>{delivery.status}</Table.Td>
                    <Table.Td>{delivery.attempts.length}</Table.Td>
                    <Table.Td>{when(delivery.created_at)}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="default" onClick={() => void redeliver(delivery)}>
                        Redeliver
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </ListState>
    </Stack>
  );
}

export function WebhooksPage() {
  const { workspaceId } = useSignedIn();
  const endpoints = useLoad(() => api.webhooks.list({ workspace_id: workspaceId }), [workspaceId]);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const created = await api.webhooks.create({ url, workspace_id: workspaceId });
      setSecret(created.secret);
      setUrl('');
      endpoints.reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <Stack>
      <PageTitle>Webhooks</PageTitle>
      <Text size="sm">
        Signed task events (Standard Webhooks) to your endpoints, with every delivery and attempt.
      </Text>
      <form onSubmit={add}>
        <Group align="flex-end">
          <TextInput
            label="Endpoint URL"
            type="url"
            required
            placeholder="https://example.com/hooks/ads"
            value={url}
            onChange={(event) => setUrl(event.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button type="submit">Add endpoint</Button>
        </Group>
      </form>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {secret && (
        <Alert color="yellow" title="The endpoint's signing secret, shown this once" role="status">
          <CopyField value={secret} label="the signing secret" />
        </Alert>
      )}
      <ListState
        loaded={endpoints}
        label="webhook endpoints"
        isEmpty={(list) => list.data.length === 0}
        empty="No endpoints yet."
      >
        {(list) => (
          <Stack>
            {list.data.map((endpoint) => (
              <Card withBorder key={endpoint.id}>
                <Group justify="space-between">
                  <Title order={2} size="h5" style={{ wordBreak: 'break-all' }}>
                    {endpoint.url}
                  </Title>
                  <Text size="sm">{endpoint.disabled ? 'disabled' : endpoint.events.join(', ')}</Text>
                </Group>
                <Deliveries endpointId={endpoint.id} workspaceId={workspaceId} />
              </Card>
            ))}
          </Stack>
        )}
      </ListState>
    </Stack>
  );
}
