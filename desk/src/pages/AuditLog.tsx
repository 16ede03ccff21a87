import { useEffect, useState } from 'react';
import { Alert, Stack, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { get, query, type ListOf } from '../api';
import { formatDate, useDesk } from '../desk';
import { Pager } from './Pager';

interface Entry {
  id: number;
  at: string;
  keyName: string;
  action: string;
  resource: string;
}

export default function AuditLog() {
  const { t } = useDesk();
  const [page, setPage] = useState(1);
  const [action, setAction] = useState('');
  const [debounced] = useDebouncedValue(action, 300);
  const [list, setList] = useState<ListOf<Entry> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setPage(1), [debounced]);
  useEffect(() => {
    get<ListOf<Entry>>(`/v1/admin/audit${query({ page, perPage: 50, action: debounced })}`).then(setList, (e: Error) => setError(e.message));
  }, [page, debounced]);

  return (
    <Stack>
      <Title order={2}>{t('audit')}</Title>
      <TextInput label={t('action')} value={action} onChange={(e) => setAction(e.currentTarget.value)} w={240} dir="ltr" />
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Table aria-label={t('audit')}>
        <Table.Thead><Table.Tr><Table.Th>{t('when')}</Table.Th><Table.Th>{t('who')}</Table.Th><Table.Th>{t('action')}</Table.Th><Table.Th>{t('resource')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {list?.items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatDate(e.at, undefined)}</Table.Td>
              <Table.Td><bdi>{e.keyName}</bdi></Table.Td>
              <Table.Td><bdi>{e.action}</bdi></Table.Td>
              <Table.Td><bdi>{e.resource}</bdi></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list?.page && <Pager page={page} totalPages={list.page.totalPages ?? 1} onPage={setPage} />}
    </Stack>
  );
}
