import { PasswordInput, Text } from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api';
import { AuthCard } from '../components/auth-card';
import { useAction } from '../components/use-action';
import { useSession } from '../session';

/** An invite link: the invited person chooses a password and is signed in. */
export function InvitePage() {
  const { token = '' } = useParams();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const action = useAction();
  const submit = () =>
    void action.run(async () => {
      signedIn(await api.session.acceptInvite({ token, password }));
      navigate('/', { replace: true });
    });
  return (
    <AuthCard
      title="Accept your invite"
      action="Create account"
      busy={action.busy}
      error={action.error}
      onSubmit={submit}
    >
      <Text size="sm">Choose a password of 10 characters or more; you sign in with it and your email.</Text>
      <PasswordInput
        label="Password"
        autoComplete="new-password"
        required
        minLength={10}
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
      />
    </AuthCard>
  );
}
