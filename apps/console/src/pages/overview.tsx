import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { api } from '../api';
import { CopyField } from '../components/copy-field';
import { ListState } from '../components/list-state';
import { StatusBadge } from '../components/status-badge';
import { TableScroll } from '../components/table-scroll';
import { when } from '../components/times';
import { useLoad } from '../components/use-load';
import { useSignedIn } from '../session';
import { PageTitle } from './page-title';

/** The commands a newcomer pastes, with this gateway's own address. */
export function firstCommands(origin: string, model: string) {
  return {
    curl: `curl ${origin}/v1/videos/generations \\\n  -H "Authorization: Bearer $ADS_API_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '{"scene":"text-to-video","model":"${model}","prompt":"ocean waves at sunset"}'`,
    cli: `ads login --host ${origin} --api-key $ADS_API_KEY\nads video generate --prompt "ocean waves at sunset" --out waves.mp4`,
  };
}

export function OverviewPage() {
  const { workspaceId, workspaces } = useSignedIn();
  const account = useLoad(() => api.account.get({ workspace_id: workspaceId }), [workspaceId]);
  const tasks = useLoad(() => api.tasks.list({ workspace_id: workspaceId, limit: 5 }), [workspaceId]);
  const workspace = account.data?.workspace ?? workspaces.find((entry) => entry.id === workspaceId);
  const models = useLoad(() => api.models.list({ scene: 'text-to-video' }), []);
  const model =
    models.data?.data.find((entry) => entry.default_for.includes('text-to-video'))?.id ??
    'sandbox/sandbox-video';
  const commands = firstCommands(window.location.origin, model);
  return (
    <Stack>
      <PageTitle>Overview</PageTitle>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder>
          <Text size="sm">Balance of {workspace?.name ?? 'the workspace'}</Text>
          <Text size="xl" fw={700} data-testid="balance">
            {account.data ? `${account.data.workspace.balance.toLocaleString()} credits` : '…'}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm">Next step</Text>
          <Text>
            <Anchor component={Link} to="/settings/api-keys">
              Create an API key
            </Anchor>
            , then run a command below, or try a model in the{' '}
            <Anchor component={Link} to="/playground">
              Playground
            </Anchor>
            .
          </Text>
        </Card>
      </SimpleGrid>
      <Title order={2} size="h4">
        Make a video from your terminal
      </Title>
      <Text size="sm">With curl (set ADS_API_KEY to your key first):</Text>
      <CopyField value={commands.curl} label="the curl command" />
      <Text size="sm">With the ads CLI:</Text>
      <CopyField value={commands.cli} label="the CLI commands" />
      <Group justify="space-between">
        <Title order={2} size="h4">
          Recent tasks
        </Title>
        <Anchor component={Link} to="/tasks">
          All tasks
        </Anchor>
      </Group>
      <ListState
        loaded={tasks}
        label="recent tasks"
        isEmpty={(page) => page.data.length === 0}
        empty="No tasks yet: generate one in the Playground."
      >
        {(page) => (
          <TableScroll label="Recent tasks">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Task</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Model</Table.Th>
                  <Table.Th>Created</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.data.map((task) => (
                  <Table.Tr key={task.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/tasks/${task.id}`}>
                        {task.id.slice(0, 8)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={task.status} />
                    </Table.Td>
                    <Table.Td>{task.model}</Table.Td>
                    <Table.Td>{when(task.created_at)}</Table.Td>
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
