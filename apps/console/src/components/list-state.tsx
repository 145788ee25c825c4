import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Loaded } from './use-load';

/**
 * A list's loading, error and empty states, the same on every page; `children` renders the rows
 * once there are any.
 */
export function ListState<T>({
  loaded,
  isEmpty,
  empty,
  label,
  children,
}: {
  loaded: Loaded<T>;
  isEmpty: (data: T) => boolean;
  empty: ReactNode;
  label: string;
  children: (data: T) => ReactNode;
}) {
  if (loaded.error) {
    return (
      <Alert color="red" title={`Could not load ${label}`} role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{loaded.error}</Text>
          <Button size="xs" variant="default" onClick={loaded.reload}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (loaded.data === undefined) {
    return (
      <Center py="xl" aria-busy="true">
        <Loader aria-label={`Loading ${label}`} />
      </Center>
    );
  }
  if (isEmpty(loaded.data)) {
    return (
      <Text py="md" data-testid="empty-state">
        {empty}
      </Text>
    );
  }
  return <>{children(loaded.data)}</>;
}
