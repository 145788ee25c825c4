import { Anchor, Group, NativeSelect, SimpleGrid, Stack, Table, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { BarChart } from '../components/bar-chart';
import { ListState } from '../components/list-state';
import { TableScroll } from '../components/table-scroll';
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
                <Table data-testid="usage-models">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Model</Table.Th>
                      <Table.Th>Tasks</Table.Th>
                      <Table.Th>Credits</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.models.map((row) => (
                      <Table.Tr key={row.model}>
                        <Table.Td>{row.model}</Table.Td>
                        <Table.Td>{row.tasks}</Table.Td>
                        <Table.Td>{row.spent}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
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
          <TableScroll label="Ledger">
            <Table data-testid="ledger">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Credits</Table.Th>
                  <Table.Th>Task</Table.Th>
                  <Table.Th>Note</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.data.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td>{when(entry.created_at)}</Table.Td>
                    <Table.Td>{entry.kind.replace('_', '-')}</Table.Td>
                    <Table.Td>{entry.amount > 0 ? `+${entry.amount}` : entry.amount}</Table.Td>
                    <Table.Td>
                      {entry.task_id ? (
                        <Anchor component={Link} to={`/tasks/${entry.task_id}`}>
                          {entry.task_id.slice(0, 8)}
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>{entry.note ?? ''}</Table.Td>
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
