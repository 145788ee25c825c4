import type { Workspace } from '@ads/sdk/console';
import { Button, Group, NumberInput, Popover, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../api';
import { DataTable } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { ListState } from '../../components/list-state';
import { when } from '../../components/times';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { PageTitle } from '../page-title';

function TopUp({ workspace, onDone }: { workspace: Workspace; onDone: (message: string) => void }) {
  const [opened, setOpened] = useState(false);
  const [amount, setAmount] = useState<number | string>(1000);
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const result = await api.admin.workspaces.addCredits(workspace.id, {
        amount: Number(amount),
        note: 'console top-up',
      });
      setOpened(false);
      onDone(`${workspace.name} now has ${result.workspace.balance} credits.`);
    });
  };
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus withArrow>
      <Popover.Target>
        <Button
          size="xs"
          variant="default"
          onClick={() => setOpened((value) => !value)}
          aria-label={`Top up ${workspace.name}`}
        >
          Top up
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={submit}>
          <Stack gap="xs">
            <NumberInput
              label="Credits to add"
              min={1}
              allowDecimal={false}
              value={amount}
              onChange={setAmount}
              required
            />
            <ErrorAlert error={action.error} />
            <Button type="submit" size="xs" loading={action.busy}>
              Add credits
            </Button>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

export function WorkspacesPage() {
  const workspaces = useLoad(() => api.admin.workspaces.list(), []);
  const [name, setName] = useState('');
  const [credits, setCredits] = useState<number | string>(0);
  const [note, setNote] = useState<string | undefined>();
  const action = useAction();
  const create = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const workspace = await api.admin.workspaces.create({ name, credits: Number(credits) });
      setNote(`Created ${workspace.name} (${workspace.id}).`);
      setName('');
      workspaces.reload();
    });
  };
  const toppedUp = (message: string) => {
    setNote(message);
    workspaces.reload();
  };
  return (
    <Stack>
      <PageTitle>Workspaces</PageTitle>
      <form onSubmit={create}>
        <Group align="flex-end">
          <TextInput
            label="Workspace name"
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <NumberInput
            label="Starting credits"
            min={0}
            allowDecimal={false}
            value={credits}
            onChange={setCredits}
          />
          <Button type="submit" loading={action.busy}>
            Create workspace
          </Button>
        </Group>
      </form>
      <ErrorAlert error={action.error} />
      {note && (
        <Text size="sm" role="status">
          {note}
        </Text>
      )}
      <ListState
        loaded={workspaces}
        label="workspaces"
        isEmpty={(list) => list.data.length === 0}
        empty="No workspaces."
      >
        {(list) => (
          <DataTable
            label="Workspaces"
            rows={list.data}
            rowKey={(workspace) => workspace.id}
            columns={[
              { header: 'Name', cell: (workspace) => workspace.name },
              { header: 'Id', cell: (workspace) => <code>{workspace.id}</code> },
              { header: 'Balance', cell: (workspace) => workspace.balance },
              { header: 'Created', cell: (workspace) => when(workspace.created_at) },
              { header: 'Action', cell: (workspace) => <TopUp workspace={workspace} onDone={toppedUp} /> },
            ]}
          />
        )}
      </ListState>
    </Stack>
  );
}
