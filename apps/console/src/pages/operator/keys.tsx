import { Stack, Text } from '@mantine/core';
import { api } from '../../api';
import { ListState } from '../../components/list-state';
import { useLoad } from '../../components/use-load';
import { KeyTable } from '../api-keys';
import { PageTitle } from '../page-title';

export function OperatorKeysPage() {
  const keys = useLoad(() => api.admin.keys.list(), []);
  return (
    <Stack>
      <PageTitle>All keys</PageTitle>
      <Text size="sm">
        Every API key of every workspace. Users create their own under Settings → API Keys.
      </Text>
      <ListState loaded={keys} label="keys" isEmpty={(list) => list.data.length === 0} empty="No keys.">
        {(list) => (
          <KeyTable
            keys={list.data}
            showWorkspace
            revoke={(id) => api.admin.keys.revoke(id)}
            onChange={keys.reload}
          />
        )}
      </ListState>
    </Stack>
  );
}
