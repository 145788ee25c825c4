import type { ApiKeyInfo } from '@ads/sdk/console';
import { Alert, Button, Group, Modal, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api, errorText } from '../api';
import { CopyField } from '../components/copy-field';
import { ListState } from '../components/list-state';
import { TableScroll } from '../components/table-scroll';
import { when } from '../components/times';
import { useLoad } from '../components/use-load';
import { useSignedIn } from '../session';
import { PageTitle } from './page-title';

function CreateKey({ workspaceId, onCreated }: { workspaceId: string; onCreated: () => void }) {
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const close = () => {
    setOpened(false);
    setCreated(undefined);
    setName('');
    setError(undefined);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const key = await api.keys.create({ name, workspace_id: workspaceId });
      setCreated(key.api_key);
      onCreated();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpened(true)}>Create key</Button>
      <Modal opened={opened} onClose={close} title={created ? 'Your new API key' : 'Create an API key'}>
        {created ? (
          <Stack>
            <Alert color="yellow" title="Copy it now" role="status">
              This is the only time the key is shown. Store it somewhere safe; if it is lost, revoke it and
              create another.
            </Alert>
            <CopyField value={created} label="the API key" />
            <Button onClick={close}>Done</Button>
          </Stack>
        ) : (
          <form onSubmit={submit}>
            <Stack>
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <TextInput
                label="Name"
                description="To tell your keys apart, e.g. ci or laptop."
                required
                maxLength={100}
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
                data-autofocus
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" loading={busy}>
                  Create
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}

function RevokeKey({
  apiKey,
  revoke: revokeKey,
  onRevoked,
}: {
  apiKey: ApiKeyInfo;
  revoke: (id: string) => Promise<unknown>;
  onRevoked: () => void;
}) {
  const [opened, setOpened] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const label = apiKey.name ?? apiKey.prefix;
  const revoke = async () => {
    setBusy(true);
    try {
      await revokeKey(apiKey.id);
      setOpened(false);
      onRevoked();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size="xs"
        variant="default"
        color="red"
        onClick={() => setOpened(true)}
        aria-label={`Revoke ${label}`}
      >
        Revoke
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={`Revoke the key ${label}?`}>
        <Stack>
          <Text size="sm">
            Every request made with {apiKey.prefix}… is refused from now on (401). This cannot be undone.
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button color="red.9" loading={busy} onClick={revoke}>
              Revoke
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** A table of keys, each with "Revoke" (through the user's own route, or the operator's). */
export function KeyTable({
  keys,
  revoke,
  onChange,
  showWorkspace,
}: {
  keys: ApiKeyInfo[];
  revoke: (id: string) => Promise<unknown>;
  onChange: () => void;
  showWorkspace?: boolean;
}) {
  return (
    <TableScroll label="API keys">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Key</Table.Th>
            {showWorkspace && <Table.Th>Workspace</Table.Th>}
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => (
            <Table.Tr key={key.id}>
              <Table.Td>{key.name ?? '—'}</Table.Td>
              <Table.Td>
                <code>{key.prefix}…</code>
              </Table.Td>
              {showWorkspace && <Table.Td>{key.workspace_id}</Table.Td>}
              <Table.Td>{when(key.created_at)}</Table.Td>
              <Table.Td>{key.last_used_at ? when(key.last_used_at) : 'never'}</Table.Td>
              <Table.Td>
                {key.revoked_at ? (
                  <Text size="sm">revoked {when(key.revoked_at)}</Text>
                ) : (
                  <RevokeKey apiKey={key} revoke={revoke} onRevoked={onChange} />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

export function ApiKeysPage() {
  const { workspaceId } = useSignedIn();
  const keys = useLoad(() => api.keys.list(workspaceId), [workspaceId]);
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageTitle>API Keys</PageTitle>
        <CreateKey workspaceId={workspaceId} onCreated={keys.reload} />
      </Group>
      <Text size="sm">
        Keys call the API, the CLI and the SDK as this workspace. Revoked keys stay listed.
      </Text>
      <ListState
        loaded={keys}
        label="API keys"
        isEmpty={(list) => list.data.length === 0}
        empty="No keys yet: create one."
      >
        {(list) => <KeyTable keys={list.data} revoke={(id) => api.keys.revoke(id)} onChange={keys.reload} />}
      </ListState>
    </Stack>
  );
}
