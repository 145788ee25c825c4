import { Alert, Button, Checkbox, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api, errorText } from '../../api';
import { CopyField } from '../../components/copy-field';
import { ListState } from '../../components/list-state';
import { TableScroll } from '../../components/table-scroll';
import { when } from '../../components/times';
import { useLoad } from '../../components/use-load';
import { useSignedIn } from '../../session';
import { PageTitle } from '../page-title';

export function UsersPage() {
  const { user: me } = useSignedIn();
  const users = useLoad(() => api.users.list(), []);
  const [email, setEmail] = useState('');
  const [workspace, setWorkspace] = useState('default');
  const [operator, setOperator] = useState(false);
  const [link, setLink] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const invite = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const created = await api.users.invite({ email, workspace, role: operator ? 'operator' : 'user' });
      setLink(created.url);
      setEmail('');
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  const toggle = async (id: string, disabled: boolean) => {
    try {
      await api.users.update(id, { disabled });
      users.reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <Stack>
      <PageTitle>Users</PageTitle>
      <form onSubmit={invite}>
        <Group align="flex-end">
          <TextInput
            label="Email to invite"
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <TextInput
            label="Their workspace"
            required
            value={workspace}
            onChange={(event) => setWorkspace(event.currentTarget.value)}
          />
          <Checkbox
            label="Operator"
            checked={operator}
            onChange={(event) => setOperator(event.currentTarget.checked)}
            mb={8}
          />
          <Button type="submit">Invite</Button>
        </Group>
      </form>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {link && (
        <Alert color="blue" title="Send this link; it works once, for 7 days" role="status">
          <CopyField value={link} label="the invite link" />
        </Alert>
      )}
      <ListState loaded={users} label="users" isEmpty={(list) => list.data.length === 0} empty="No users.">
        {(list) => (
          <TableScroll label="Users">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Workspace</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Action</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>{user.email}</Table.Td>
                    <Table.Td>{user.role}</Table.Td>
                    <Table.Td>
                      <code>{user.workspace_id}</code>
                    </Table.Td>
                    <Table.Td>{when(user.created_at)}</Table.Td>
                    <Table.Td>
                      {user.id === me.id ? (
                        <Text size="sm">you</Text>
                      ) : (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => void toggle(user.id, user.disabled_at === null)}
                          aria-label={`${user.disabled_at ? 'Enable' : 'Disable'} ${user.email}`}
                        >
                          {user.disabled_at ? 'Enable' : 'Disable'}
                        </Button>
                      )}
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
