import { useEffect, useState } from 'react';
import { Alert, Button, Code, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { call, get } from '../api';
import { formatDate, useDesk } from '../desk';
import { RoleAndEditions, type Scope } from './RoleAndEditions';

interface KeyInfo {
  id: number;
  name: string;
  role: string;
  editions: string[] | null;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export default function Keys() {
  const { t } = useDesk();
  const [keys, setKeys] = useState<KeyInfo[]>([]);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<Scope>({ role: 'editor', editions: [] });
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => get<KeyInfo[]>('/v1/admin/keys').then(setKeys, (e: Error) => setError(e.message));
  useEffect(() => void load(), []);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    try {
      const a = await call<{ key: string }>('POST', '/v1/admin/keys', { body: { name, role: scope.role, editions: scope.editions.length ? scope.editions : null } });
      setCreated(a.data.key);
      setName('');
      await load();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  async function revoke(id: number) {
    await call('DELETE', `/v1/admin/keys/${id}`).catch((err: Error) => setError(err.message));
    await load();
  }

  return (
    <Stack>
      <Title order={2}>{t('keys')}</Title>
      <Group component="form" onSubmit={create} align="end">
        <TextInput label={t('name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} dir="auto" />
        <RoleAndEditions value={scope} onChange={setScope} />
        <Button type="submit">{t('create')}</Button>
      </Group>
      {created && <Alert color="teal">{t('newKeyOnce')} <Code>{created}</Code></Alert>}
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Table aria-label={t('keys')}>
        <Table.Thead><Table.Tr><Table.Th>{t('name')}</Table.Th><Table.Th>{t('role')}</Table.Th><Table.Th>{t('editions')}</Table.Th><Table.Th>{t('updated')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {keys.map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td><bdi>{k.name}</bdi> <Code>{k.prefix}</Code></Table.Td>
              <Table.Td>{k.role}</Table.Td>
              <Table.Td>{k.editions?.join(', ') ?? t('allEditions')}</Table.Td>
              <Table.Td>{formatDate(k.lastUsedAt ?? k.createdAt, undefined)}</Table.Td>
              <Table.Td>{k.revokedAt ? formatDate(k.revokedAt, undefined) : <Button size="xs" variant="subtle" color="red" onClick={() => void revoke(k.id)}>{t('revoke')}</Button>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
