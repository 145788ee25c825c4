import { Anchor, Group, NativeSelect, SimpleGrid, Stack, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { BarChart } from '../components/bar-chart';
import { DataTable } from '../components/data-table';
import { ListState } from '../components/list-state';
import { when } from '../components/times';
import { useLoad } from '../components/use-load';
import { useSignedIn } from '../session';
import { PageTitle } from './page-title';

export function UsagePage() {
  const { workspaceId } = useSignedIn();
  const [days, setDays] = useState('30');
  const usage = useLoad(
    () => api.usage.get({ workspace_id: workspaceId, days: Number(days) }),
    [workspaceId, days],
  );
  const ledger = useLoad(() => api.ledger.list({ workspace_id: workspaceId, limit: 50 }), [workspaceId]);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>Usage</PageTitle>
        <NativeSelect
          label="Span"
          value={days}
          onChange={(event) => setDays(event.currentTarget.value)}
          data={[
            { value: '7', label: 'Last 7 days' },
            { value: '30', label: 'Last 30 days' },
            { value: '90', label: 'Last 90 days' },
          ]}
        />
      </Group>
      <ListState loaded={usage} label="usage" isEmpty={() => false} empty="">
        {(data) => (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Stack gap="xs">
              <Title order={2} size="h4">
                Credits spent per day
              </Title>
              <BarChart
                title={`Credits spent per day since ${data.since}`}
                unit="credits"
                bars={data.days.map((day) => ({ label: day.date, value: day.spent }))}
              />
              <VisuallyHidden>
                <table>
                  <caption>Credits spent per day</caption>
                  <tbody>
                    {data.days.map((day) => (
                      <tr key={day.date}>
                        <th scope="row">{day.date}</th>
                        <td>{day.spent}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </VisuallyHidden>
            </Stack>
            <Stack gap="xs">
              <Title order={2} size="h4">
                Credits spent per model
              </Title>
              {data.models.length === 0 ? (
                <p>Nothing spent in this span.</p>
              ) : (
                <DataTable
                  label="Credits per model"
                  testId="usage-models"
                  rows={data.models}
                  rowKey={(row) => row.model}
                  columns={[
                    { header: 'Model', cell: (row) => row.model },
                    { header: 'Tasks', cell: (row) => row.tasks },
                    { header: 'Credits', cell: (row) => row.spent },
                  ]}
                />
              )}
            </Stack>
          </SimpleGrid>
        )}
      </ListState>
      <Title order={2} size="h4">
        Ledger
      </Title>
      <ListState
        loaded={ledger}
        label="the ledger"
        isEmpty={(page) => page.data.length === 0}
        empty="No entries yet."
      >
        {(page) => (
          <DataTable
            label="Ledger"
            testId="ledger"
            rows={page.data}
            rowKey={(entry) => entry.id}
            columns={[
              { header: 'When', cell: (entry) => when(entry.created_at) },
              { header: 'Kind', cell: (entry) => entry.kind.replace('_', '-') },
              { header: 'Credits', cell: (entry) => (entry.amount > 0 ? `+${entry.amount}` : entry.amount) },
              {
                header: 'Task',
                cell: (entry) =>
                  entry.task_id ? (
                    <Anchor component={Link} to={`/tasks/${entry.task_id}`}>
                      {entry.task_id.slice(0, 8)}
                    </Anchor>
                  ) : (
                    '—'
                  ),
              },
              { header: 'Note', cell: (entry) => entry.note ?? '' },
            ]}
          />
        )}
      </ListState>
    </Stack>
  );
}
