import type { Workspace } from '@ads/sdk/console';
import { Alert, Button, Group, NumberInput, Popover, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api, errorText } from '../../api';
import { ListState } from '../../components/list-state';
import { TableScroll } from '../../components/table-scroll';
import { when } from '../../components/times';
import { useLoad } from '../../components/use-load';
import { PageTitle } from '../page-title';

function TopUp({ workspace, onDone }: { workspace: Workspace; onDone: (message: string) => void }) {
  const [opened, setOpened] = useState(false);
  const [amount, setAmount] = useState<number | string>(1000);
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await api.admin.workspaces.addCredits(workspace.id, {
        amount: Number(amount),
        note: 'console top-up',
      });
      setOpened(false);
      onDone(`${workspace.name} now has ${result.workspace.balance} credits.`);
    } catch (failure) {
      setError(errorText(failure));
    }
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
            {error && (
              <Text size="sm" role="alert">
                {error}
              </Text>
            )}
            <Button type="submit" size="xs">
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
  const [error, setError] = useState<string | undefined>();
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const workspace = await api.admin.workspaces.create({ name, credits: Number(credits) });
      setNote(`Created ${workspace.name} (${workspace.id}).`);
      setName('');
      workspaces.reload();
    } catch (failure) {
      setError(errorText(failure));
    }
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
          <Button type="submit">Create workspace</Button>
        </Group>
      </form>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
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
          <TableScroll label="Workspaces">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Id</Table.Th>
                  <Table.Th>Balance</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Action</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((workspace) => (
                  <Table.Tr key={workspace.id}>
                    <Table.Td>{workspace.name}</Table.Td>
                    <Table.Td>
                      <code>{workspace.id}</code>
                    </Table.Td>
                    <Table.Td>{workspace.balance}</Table.Td>
                    <Table.Td>{when(workspace.created_at)}</Table.Td>
                    <Table.Td>
                      <TopUp
                        workspace={workspace}
                        onDone={(message) => {
                          setNote(message);
                          workspaces.reload();
                        }}
                      />
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
