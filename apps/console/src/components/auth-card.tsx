import { Button, Center, Paper, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { PageTitle } from '../pages/page-title';
import { ErrorAlert } from './error-alert';

/** The signed-out pages' frame: one centred form, its error above the fields, one button. */
export function AuthCard({
  title,
  action,
  busy,
  error,
  errorTitle,
  onSubmit,
  children,
}: {
  title: string;
  action: string;
  busy: boolean;
  error: string | undefined;
  errorTitle?: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder p="xl" w="100%" maw={380}>
        <form onSubmit={submit}>
          <Stack>
            <PageTitle>{title}</PageTitle>
            <ErrorAlert error={error} title={errorTitle} />
            {children}
            <Button type="submit" loading={busy}>
              {action}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
