import { useEffect, useState } from 'react';
import { Alert, Button, Center, Loader, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { call, get, type Session } from '../api';
import type { translator } from '../desk';

// The first admin's one-time link (printed at start-up) names no one yet: email and name are asked for.
interface InvitationInfo {
  email: string | null;
  displayName: string | null;
  role: string;
  editions: string[] | null;
}

export function Invitation({ token, t, onSignedIn }: { token: string; t: ReturnType<typeof translator>; onSignedIn: (s: Session) => void }) {
  const [info, setInfo] = useState<InvitationInfo | null | undefined>(undefined);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const path = `/v1/auth/invitations/${encodeURIComponent(token)}`;

  useEffect(() => {
    get<InvitationInfo>(path).then(
      (i) => {
        setInfo(i);
        setDisplayName(i.displayName ?? '');
      },
      () => setInfo(null),
    );
  }, [path]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      onSignedIn((await call<Session>('POST', path, { body: { password, displayName, email: info?.email ?? email } })).data);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <Center mih="100vh" component="main">
      <Paper withBorder p="xl" w={420} component="form" onSubmit={submit} aria-labelledby="invitation-title">
        <Stack>
          <Title order={1} size="h3" id="invitation-title">{t('invitation')}</Title>
          {info === undefined && <Loader aria-label={t('loading')} />}
          {info === null && <Alert color="red" role="alert">{t('invitationGone')}</Alert>}
          {info && (
            <>
              {info.email ? (
                <Text dir="ltr">{info.email}</Text>
              ) : (
                <TextInput label={t('email')} type="email" required dir="ltr" autoComplete="username" value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
              )}
              <TextInput label={t('displayName')} required dir="auto" value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
              <PasswordInput label={t('choosePassword')} autoComplete="new-password" required minLength={12} value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
              {error && <Alert color="red" role="alert">{error}</Alert>}
              <Button type="submit">{t('accept')}</Button>
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
