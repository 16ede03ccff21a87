import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { get, query, type Kind, type ListOf, type PostSummary } from '../api';
import { formatDate, useDesk } from '../desk';
import { Pager } from './Pager';

interface Named {
  slug: string;
  name: string;
}

const perPage = 20;

export function PostList({ kind, edition }: { kind: Kind; edition: string }) {
  const desk = useDesk();
  const { t } = desk;
  const section = kind === 'post' ? 'posts' : 'pages';
  const [status, setStatus] = useState<string | null>(null);
  const [author, setAuthor] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text, 300);
  const [page, setPage] = useState(1);
  const [list, setList] = useState<ListOf<PostSummary> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [authors, setAuthors] = useState<Named[]>([]);
  const [tags, setTags] = useState<Named[]>([]);

  useEffect(() => {
    get<ListOf<Named>>('/v1/admin/authors?perPage=100').then((l) => setAuthors(l.items), () => setAuthors([]));
    get<ListOf<Named>>(`/v1/admin/tags${query({ edition, perPage: 100 })}`).then((l) => setTags(l.items), () => setTags([]));
  }, [edition]);

  useEffect(() => setPage(1), [status, author, tag, q]);

  useEffect(() => {
    let current = true;
    get<ListOf<PostSummary>>(`/v1/admin/${section}${query({ edition, status, author, tag, q, page, perPage })}`).then(
      (l) => current && (setList(l), setError(null)),
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [section, edition, status, author, tag, q, page]);

  const ed = desk.edition(edition);
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t(section)} · {ed?.name ?? edition}</Title>
        <Button component="a" href={`#/${section}/${edition}/new`}>{t(kind === 'post' ? 'newPost' : 'newPage')}</Button>
      </Group>
      <Group mb="md" align="end" role="search">
        <Select
          label={t('status')}
          placeholder={t('any')}
          clearable
          data={(['draft', 'scheduled', 'published', 'trashed'] as const).map((s) => ({ value: s, label: t(s) }))}
          value={status}
          onChange={setStatus}
        />
        <Select label={t('author')} placeholder={t('any')} clearable searchable data={authors.map((a) => ({ value: a.slug, label: a.name }))} value={author} onChange={setAuthor} />
        <Select label={t('tag')} placeholder={t('any')} clearable searchable data={tags.map((a) => ({ value: a.slug, label: a.name }))} value={tag} onChange={setTag} />
        <TextInput label={t('search')} value={text} onChange={(e) => setText(e.currentTarget.value)} dir="auto" />
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {list && list.items.length === 0 && <Text c="dimmed">{t('nothing')}</Text>}
      {list && list.items.length > 0 && (
        <Table striped highlightOnHover aria-label={t(section)}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('title')}</Table.Th>
              <Table.Th>{t('status')}</Table.Th>
              <Table.Th>{t('author')}</Table.Th>
              <Table.Th>{t('tags')}</Table.Th>
              <Table.Th>{t('updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Anchor href={`#/${section}/${p.edition}/${p.id}`} dir="auto" className="user-text">{p.title || p.slug}</Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={p.status === 'published' ? 'teal' : p.status === 'trashed' ? 'red' : 'gray'}>{t(p.status)}</Badge>
                </Table.Td>
                <Table.Td><bdi>{authors.find((a) => a.slug === p.author)?.name ?? p.author ?? ''}</bdi></Table.Td>
                <Table.Td><bdi>{p.tags.join('، ')}</bdi></Table.Td>
                <Table.Td>{formatDate(p.updatedAt, ed)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list?.page && <Pager page={page} totalPages={list.page.totalPages ?? page + (list.items.length === perPage ? 1 : 0)} onPage={setPage} />}
    </>
  );
}
