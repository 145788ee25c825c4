import { Alert, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../api';
import { CopyField } from '../../components/copy-field';
import { DataTable } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { ListState } from '../../components/list-state';
import { when } from '../../components/times';
import { useAction } from '../../components/use-action';
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
  const action = useAction();
  const invite = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const created = await api.users.invite({ email, workspace, role: operator ? 'operator' : 'user' });
      setLink(created.url);
      setEmail('');
    });
  };
  const toggle = (id: string, disabled: boolean) =>
    void action.run(async () => {
      await api.users.update(id, { disabled });
      users.reload();
    });
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
          <Button type="submit" loading={action.busy}>
            Invite
          </Button>
        </Group>
      </form>
      <ErrorAlert error={action.error} />
      {link && (
        <Alert color="blue" title="Send this link; it works once, for 7 days" role="status">
          <CopyField value={link} label="the invite link" />
        </Alert>
      )}
      <ListState loaded={users} label="users" isEmpty={(list) => list.data.length === 0} empty="No users.">
        {(list) => (
          <DataTable
            label="Users"
            rows={list.data}
            rowKey={(user) => user.id}
            columns={[
              { header: 'Email', cell: (user) => user.email },
              { header: 'Role', cell: (user) => user.role },
              { header: 'Workspace', cell: (user) => <code>{user.workspace_id}</code> },
              { header: 'Created', cell: (user) => when(user.created_at) },
              {
                header: 'Action',
                cell: (user) =>
                  user.id === me.id ? (
                    <Text size="sm">you</Text>
                  ) : (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => toggle(user.id, user.disabled_at === null)}
                      aria-label={`${user.disabled_at ? 'Enable' : 'Disable'} ${user.email}`}
                    >
                      {user.disabled_at ? 'Enable' : 'Disable'}
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
