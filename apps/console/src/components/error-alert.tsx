import { Alert } from '@mantine/core';

/** What went wrong, said where it happened; nothing when nothing did. */
export function ErrorAlert({ error, title }: { error: string | undefined; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {error}
    </Alert>
  );
}
