import type { WebhookDelivery } from '@ads/sdk/console';
import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api, errorText } from '../api';
import { CopyField } from '../components/copy-field';
import { DataTable } from '../components/data-table';
import { ErrorAlert } from '../components/error-alert';
import { ListState } from '../components/list-state';
import { when } from '../components/times';
import { useAction } from '../components/use-action';
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
          <DataTable
            label="Deliveries"
            rows={page.data}
            rowKey={(delivery) => delivery.id}
            columns={[
              { header: 'Event', cell: (delivery) => delivery.event_type },
              { header: 'Task', cell: (delivery) => delivery.task_id.slice(0, 8) },
              { header: 'Status', cell: (delivery) => delivery.status },
              { header: 'Attempts', cell: (delivery) => delivery.attempts.length },
              { header: 'Created', cell: (delivery) => when(delivery.created_at) },
              {
                header: 'Action',
                cell: (delivery) => (
                  <Button size="xs" variant="default" onClick={() => void redeliver(delivery)}>
                    Redeliver
                  </Button>
                ),
              },
            ]}
          />
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
  const action = useAction();
  const add = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const created = await api.webhooks.create({ url, workspace_id: workspaceId });
      setSecret(created.secret);
      setUrl('');
      endpoints.reload();
    });
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
          <Button type="submit" loading={action.busy}>
            Add endpoint
          </Button>
        </Group>
      </form>
      <ErrorAlert error={action.error} />
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
