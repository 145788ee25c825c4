import type { ApiKeyInfo } from '@ads/sdk/console';
import { Alert, Button, Group, Modal, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { CopyField } from '../components/copy-field';
import { DataTable } from '../components/data-table';
import { ErrorAlert } from '../components/error-alert';
import { ListState } from '../components/list-state';
import { when } from '../components/times';
import { useAction } from '../components/use-action';
import { useLoad } from '../components/use-load';
import { useSignedIn } from '../session';
import { PageTitle } from './page-title';

function CreateKey({ workspaceId, onCreated }: { workspaceId: string; onCreated: () => void }) {
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | undefined>();
  const action = useAction();
  const close = () => {
    setOpened(false);
    setCreated(undefined);
    setName('');
    action.clear();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const key = await api.keys.create({ name, workspace_id: workspaceId });
      setCreated(key.api_key);
      onCreated();
    });
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
              <ErrorAlert error={action.error} />
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
                <Button type="submit" loading={action.busy}>
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
  const action = useAction();
  const label = apiKey.name ?? apiKey.prefix;
  const revoke = () =>
    void action.run(async () => {
      await revokeKey(apiKey.id);
      setOpened(false);
      onRevoked();
    });
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
          <ErrorAlert error={action.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button color="red.9" loading={action.busy} onClick={revoke}>
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
    <DataTable
      label="API keys"
      rows={keys}
      rowKey={(key) => key.id}
      columns={[
        { header: 'Name', cell: (key) => key.name ?? '—' },
        { header: 'Key', cell: (key) => <code>{key.prefix}…</code> },
        ...(showWorkspace ? [{ header: 'Workspace', cell: (key: ApiKeyInfo) => key.workspace_id }] : []),
        { header: 'Created', cell: (key) => when(key.created_at) },
        { header: 'Last used', cell: (key) => (key.last_used_at ? when(key.last_used_at) : 'never') },
        {
          header: <VisuallyHidden>Actions</VisuallyHidden>,
          cell: (key) =>
            key.revoked_at ? (
              <Text size="sm">revoked {when(key.revoked_at)}</Text>
            ) : (
              <RevokeKey apiKey={key} revoke={revoke} onRevoked={onChange} />
            ),
        },
      ]}
    />
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
