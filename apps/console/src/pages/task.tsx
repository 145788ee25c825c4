import { Alert, Anchor, Button, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { api } from '../api';
import { ListState } from '../components/list-state';
import { useLiveTask } from '../components/live-task';
import { StatusBadge } from '../components/status-badge';
import { TaskVideo } from '../components/task-video';
import { took, when } from '../components/times';
import { useLoad } from '../components/use-load';
import { isFinished } from '../components/vocabulary';
import { useSignedIn } from '../session';
import { PageTitle } from './page-title';

export function TaskPage() {
  const { id = '' } = useParams();
  const { workspaceId } = useSignedIn();
  const loaded = useLoad(() => api.tasks.get(id, { workspace_id: workspaceId }), [id, workspaceId]);
  const task = useLiveTask(loaded.data);
  return (
    <Stack>
      <PageTitle>{`Task ${id.slice(0, 8)}`}</PageTitle>
      <ListState loaded={loaded} label="the task" isEmpty={() => false} empty="">
        {() =>
          task && (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Stack>
                <TaskVideo task={task} />
                <Group>
                  <StatusBadge status={task.status} />
                  {task.videos[0] && (
                    <Anchor href={task.videos[0].url} download={`${task.id}.mp4`}>
                      Download
                    </Anchor>
                  )}
                  {!isFinished(task) && (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => void api.tasks.cancel(task.id, { workspace_id: workspaceId })}
                    >
                      Cancel task
                    </Button>
                  )}
                </Group>
                {task.error && (
                  <Alert color="red" title={task.error.code} role="alert">
                    {task.error.message}
                  </Alert>
                )}
              </Stack>
              <Stack>
                <Table>
                  <Table.Tbody>
                    {[
                      ['Task id', <Code key="id">{task.id}</Code>],
                      ['Scene', task.scene],
                      ['Model', `${task.provider}/${task.model}`],
                      ['Credits', String(task.credits)],
                      ['Created', when(task.created_at)],
                      ['Finished', when(task.finished_at)],
                      ['Took', took(task.created_at, task.finished_at)],
                      ['Progress', task.progress === null ? '—' : `${task.progress}%`],
                    ].map(([label, value]) => (
                      <Table.Tr key={String(label)}>
                        <Table.Th scope="row">{label}</Table.Th>
                        <Table.Td>{value}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Title order={2} size="h4">
                  Request
                </Title>
                <Code block>{JSON.stringify(task.input, null, 2)}</Code>
                <Text size="xs">As the gateway checked it and sent it on.</Text>
              </Stack>
            </SimpleGrid>
          )
        }
      </ListState>
    </Stack>
  );
}
