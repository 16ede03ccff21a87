import { useState } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { ApiError, call, type Session } from '../api';
import type { translator } from '../desk';

export function SignIn({ t, onSignedIn }: { t: ReturnType<typeof translator>; onSignedIn: (s: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn((await call<Session>('POST', '/v1/auth/session', { body: { email, password } })).data);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError(t('lockedOut', err.retryAfter ?? '60'));
      else if (err instanceof ApiError && err.status === 401) setError(t('wrongPassword'));
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" component="main">
      <Paper withBorder p="xl" w={380} component="form" onSubmit={submit} aria-labelledby="sign-in-title">
        <Stack>
          <Title order={1} size="h3" id="sign-in-title">{t('desk')}</Title>
          <TextInput label={t('email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} dir="ltr" />
          <PasswordInput label={t('password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <Button type="submit" loading={busy}>{t('signIn')}</Button>
        </Stack>
      </Paper>
    </Center>
  );
}
