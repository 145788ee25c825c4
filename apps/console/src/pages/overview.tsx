import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { api } from '../api';
import { CopyField } from '../components/copy-field';
import { DataTable } from '../components/data-table';
import { ListState } from '../components/list-state';
import { StatusBadge } from '../components/status-badge';
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
          <DataTable
            label="Recent tasks"
            rows={page.data}
            rowKey={(task) => task.id}
            columns={[
              {
                header: 'Task',
                cell: (task) => (
                  <Anchor component={Link} to={`/tasks/${task.id}`}>
                    {task.id.slice(0, 8)}
                  </Anchor>
                ),
              },
              { header: 'Status', cell: (task) => <StatusBadge status={task.status} /> },
              { header: 'Model', cell: (task) => task.model },
              { header: 'Created', cell: (task) => when(task.created_at) },
            ]}
          />
        )}
      </ListState>
    </Stack>
  );
}
