import type { RestTask } from '@ads/sdk/console';
import { Anchor, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { ListState } from '../components/list-state';
import { useLiveTask } from '../components/live-task';
import { StatusBadge } from '../components/status-badge';
import { TaskVideo } from '../components/task-video';
import { when } from '../components/times';
import { useLoad } from '../components/use-load';
import { scenes, taskStatuses } from '../components/vocabulary';
import { useSignedIn } from '../session';
import { PageTitle } from './page-title';

/** Browsers keep six connections per origin: a few live streams, the rest of the page's reads beside them. */
const liveStreams = 4;

function TaskCard({ task: listed, live }: { task: RestTask; live: boolean }) {
  const task = useLiveTask(listed, live) ?? listed;
  return (
    <Card withBorder padding="sm" data-testid="task-card" data-task-id={task.id} data-status={task.status}>
      <Card.Section>
        <TaskVideo task={task} />
      </Card.Section>
      <Group justify="space-between" mt="sm" wrap="nowrap">
        <Anchor
          component={Link}
          to={`/tasks/${task.id}`}
          size="sm"
          aria-label={`Task ${task.id.slice(0, 8)}`}
        >
          {task.id.slice(0, 8)}
        </Anchor>
        <StatusBadge status={task.status} />
      </Group>
      <Text size="sm" lineClamp={2} mt={4}>
        {String(task.input.prompt ?? '') || task.scene}
      </Text>
      <Text size="xs" mt={4}>
        {task.model} · {task.credits} credits · {when(task.created_at)}
      </Text>
    </Card>
  );
}

const dayStart = (date: string) => (date ? new Date(`${date}T00:00:00`).toISOString() : undefined);
const dayAfter = (date: string) =>
  date ? new Date(Date.parse(`${date}T00:00:00`) + 86_400_000).toISOString() : undefined;

export function TasksPage() {
  const { workspaceId } = useSignedIn();
  const [status, setStatus] = useState('');
  const [scene, setScene] = useState('');
  const [model, setModel] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [more, setMore] = useState<RestTask[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const query = {
    workspace_id: workspaceId,
    limit: 24,
    ...(status ? { status: status as RestTask['status'] } : {}),
    ...(scene ? { scene: scene as RestTask['scene'] } : {}),
    ...(model.trim() ? { model: model.trim() } : {}),
    ...(from ? { created_after: dayStart(from) } : {}),
    ...(to ? { created_before: dayAfter(to) } : {}),
  };
  const key = JSON.stringify(query);
  const page = useLoad(() => api.tasks.list(query), [key]);
  useEffect(() => {
    setMore([]);
    setCursor(page.data?.next_cursor ?? null);
  }, [page.data]);
  const loadMore = async () => {
    if (!cursor) return;
    const next = await api.tasks.list({ ...query, cursor });
    setMore((current) => [...current, ...next.data]);
    setCursor(next.next_cursor);
  };
  return (
    <Stack>
      <PageTitle>Tasks</PageTitle>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} role="search" aria-label="Filter tasks">
        <NativeSelect
          label="Status"
          value={status}
          onChange={(event) => setStatus(event.currentTarget.value)}
          data={[{ value: '', label: 'Any' }, ...taskStatuses]}
        />
        <NativeSelect
          label="Scene"
          value={scene}
          onChange={(event) => setScene(event.currentTarget.value)}
          data={[{ value: '', label: 'Any' }, ...scenes]}
        />
        <TextInput
          label="Model"
          placeholder="e.g. veo3"
          value={model}
          onChange={(event) => setModel(event.currentTarget.value)}
        />
        <TextInput
          label="From"
          type="date"
          value={from}
          onChange={(event) => setFrom(event.currentTarget.value)}
        />
        <TextInput label="To" type="date" value={to} onChange={(event) => setTo(event.currentTarget.value)} />
      </SimpleGrid>
      <ListState
        loaded={page}
        label="tasks"
        isEmpty={(list) => list.data.length === 0}
        empty="No tasks match: change the filters, or generate a video in the Playground."
      >
        {(list) => {
          const tasks = [...list.data, ...more];
          let streams = 0;
          return (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="gallery">
                {tasks.map((task) => {
                  const live =
                    task.status === 'pending' || task.status === 'running' ? streams++ < liveStreams : false;
                  return <TaskCard key={task.id} task={task} live={live} />;
                })}
              </SimpleGrid>
              {cursor && (
                <Button variant="default" onClick={() => void loadMore()}>
                  Load more
                </Button>
              )}
            </>
          );
        }}
      </ListState>
    </Stack>
  );
}
