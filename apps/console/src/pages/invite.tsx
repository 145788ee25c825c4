import { Alert, Button, Center, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, errorText } from '../api';
import { useSession } from '../session';
import { PageTitle } from './page-title';

/** An invite link: the invited person chooses a password and is signed in. */
export function InvitePage() {
  const { token = '' } = useParams();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      signedIn(await api.session.acceptInvite({ token, password }));
      navigate('/', { replace: true });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder p="xl" w="100%" maw={380}>
        <form onSubmit={submit}>
          <Stack>
            <PageTitle>Accept your invite</PageTitle>
            <Text size="sm">
              Choose a password of 10 characters or more; you sign in with it and your email.
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <PasswordInput
              label="Password"
              autoComplete="new-password"
              required
              minLength={10}
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <Button type="submit" loading={busy}>
              Create account
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
