import { PasswordInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api } from '../api';
import { AuthCard } from '../components/auth-card';
import { useAction } from '../components/use-action';
import { useSession } from '../session';

export function SignInPage() {
  const { session, signedIn } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  if (session) return <Navigate to={from} replace />;
  const submit = () =>
    void action.run(async () => {
      signedIn(await api.session.signIn({ email, password }));
      navigate(from, { replace: true });
    });
  return (
    <AuthCard
      title="Sign in"
      action="Sign in"
      busy={action.busy}
      error={action.error}
      errorTitle="Not signed in"
      onSubmit={submit}
    >
      <TextInput
        label="Email"
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={(event) => setEmail(event.currentTarget.value)}
      />
      <PasswordInput
        label="Password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
      />
    </AuthCard>
  );
}
