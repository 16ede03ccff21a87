import { useEffect, useState } from 'react';
import { Alert, Button, Code, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { call, get, type Account, type ListOf } from '../api';
import { formatDate, useDesk } from '../desk';
import { RoleAndEditions, type Scope } from './RoleAndEditions';

export default function Accounts() {
  const { t } = useDesk();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [scope, setScope] = useState<Scope>({ role: 'editor', editions: [] });
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => get<ListOf<Account>>('/v1/admin/accounts').then((l) => setAccounts(l.items), (e: Error) => setError(e.message));
  useEffect(() => void load(), []);

  const attempt = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      await load();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const invite = (e: React.FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      const a = await call<{ invitationUrl: string }>('POST', '/v1/admin/accounts', { body: { email, displayName, role: scope.role, editions: scope.editions.length ? scope.editions : null } });
      setLink(a.data.invitationUrl);
      setEmail('');
      setDisplayName('');
    });
  };

  return (
    <Stack>
      <Title order={2}>{t('accounts')}</Title>
      <Group component="form" onSubmit={invite} align="end">
        <TextInput label={t('email')} type="email" required dir="ltr" value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
        <TextInput label={t('displayName')} required dir="auto" value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
        <RoleAndEditions value={scope} onChange={setScope} />
        <Button type="submit">{t('invite')}</Button>
      </Group>
      {link && <Alert color="teal">{t('invitationLink')} <Code data-testid="invitation-url" dir="ltr">{link}</Code></Alert>}
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Table aria-label={t('accounts')}>
        <Table.Thead><Table.Tr><Table.Th>{t('name')}</Table.Th><Table.Th>{t('role')}</Table.Th><Table.Th>{t('editions')}</Table.Th><Table.Th>{t('lastSignIn')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {accounts.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td><bdi>{a.displayName}</bdi> <bdi dir="ltr">&lt;{a.email}&gt;</bdi></Table.Td>
              <Table.Td>{a.role}</Table.Td>
              <Table.Td>{a.editions?.join(', ') ?? t('allEditions')}</Table.Td>
              <Table.Td>{formatDate(a.lastSignInAt, undefined)}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => void attempt(async () => setLink((await call<{ invitationUrl: string }>('POST', `/v1/admin/accounts/${a.id}/invitation`)).data.invitationUrl))}>{t('newInvitation')}</Button>
                  <Button size="xs" variant="subtle" color={a.disabled ? 'teal' : 'red'} onClick={() => void attempt(async () => { await call('PATCH', `/v1/admin/accounts/${a.id}`, { body: { disabled: !a.disabled }, mergePatch: true }); })}>
                    {t(a.disabled ? 'enable' : 'disable')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
