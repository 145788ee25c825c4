import { Alert, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { DataTable } from '../../components/data-table';
import { ListState } from '../../components/list-state';
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
          <DataTable
            label="Unconfirmed tasks"
            rows={list.data}
            rowKey={(task) => task.id}
            columns={[
              { header: 'Task', cell: (task) => <code>{task.id}</code> },
              { header: 'Provider', cell: (task) => task.provider },
              { header: 'Credits held', cell: (task) => task.credits },
              { header: 'Since', cell: (task) => when(task.created_at) },
              {
                header: 'Action',
                cell: (task) => (
                  <Button size="xs" variant="default" onClick={() => void refund(task.id)}>
                    Refund
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
