import { Alert, Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { ListState } from '../../components/list-state';
import { TableScroll } from '../../components/table-scroll';
import { when } from '../../components/times';
import { useLoad } from '../../components/use-load';
import { PageTitle } from '../page-title';

/** Tasks whose submit the provider never confirmed: each holds its credits until an operator decides. */
export function ReconcilePage() {
  const queue = useLoad(() => api.admin.tasks.unconfirmed(), []);
  const [note, setNote] = useState<string | undefined>();
  const refund = async (id: string) => {
    try {
      await api.admin.tasks.reconcile(id, {
        action: 'refund',
        reason: 'refunded from the console after checking the provider',
      });
      setNote(`Task ${id.slice(0, 8)} refunded.`);
      queue.reload();
    } catch (failure) {
      setNote(errorText(failure));
    }
  };
  return (
    <Stack>
      <PageTitle>Reconcile queue</PageTitle>
      <Text size="sm">
        Check each task in the provider's dashboard first: refund it only if the provider made no job (a job
        it made is billed). To attach a job it did make, use "ads-server tasks reconcile --attach".
      </Text>
      {note && <Alert role="status">{note}</Alert>}
      <ListState
        loaded={queue}
        label="the reconcile queue"
        isEmpty={(list) => list.data.length === 0}
        empty="Nothing to reconcile: every submit was confirmed."
      >
        {(list) => (
          <TableScroll label="Unconfirmed tasks">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Task</Table.Th>
                  <Table.Th>Provider</Table.Th>
                  <Table.Th>Credits held</Table.Th>
                  <Table.Th>Since</Table.Th>
                  <Table.Th>Action</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((task) => (
                  <Table.Tr key={task.id}>
                    <Table.Td>
                      <code>{task.id}</code>
                    </Table.Td>
                    <Table.Td>{task.provider}</Table.Td>
                    <Table.Td>{task.credits}</Table.Td>
                    <Table.Td>{when(task.created_at)}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="default" onClick={() => void refund(task.id)}>
                        Refund
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
