import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { get, query, type ListOf, type Post, type PostSummary } from '../api';
import { useDesk } from '../desk';

/** A published translation as the public API names it: all a person sees of editions they may not touch. */
interface TranslationRef {
  edition: string;
  slug: string;
}

/**
 * The story's posts in every edition: those of the person's editions from the admin list (by translationKey),
 * opened beside this one as their source; "translate" for the person's editions without one; and, read-only,
 * the published translations in other editions from the public post's translations.
 */
export function Translations({ post }: { post: Post }) {
  const desk = useDesk();
  const { t } = desk;
  const section = post.kind === 'post' ? 'posts' : 'pages';
  const [mine, setMine] = useState<PostSummary[]>([]);
  const [published, setPublished] = useState<TranslationRef[]>([]);

  useEffect(() => {
    if (post.translationKey) {
      get<ListOf<PostSummary>>(`/v1/admin/${section}${query({ translationKey: post.translationKey, perPage: 100 })}`).then((l) => setMine(l.items), () => setMine([]));
    } else {
      setMine([post]);
    }
    // Other editions are not the person's to read in the admin API; what the public sees of them is.
    if (post.status === 'published' && post.translationKey) {
      get<{ translations: TranslationRef[] }>(`/v1/${post.edition}/${section}/${encodeURIComponent(post.slug)}`, { revalidate: true }).then((p) => setPublished(p.translations), () => setPublished([]));
    } else {
      setPublished([]);
    }
  }, [post, section]);

  const myCodes = new Set(desk.myEditions.map((e) => e.code));
  const rows = desk.editions.map((edition) => ({
    edition,
    own: mine.find((p) => p.edition === edition.code),
    foreign: myCodes.has(edition.code) ? undefined : published.find((p) => p.edition === edition.code),
  }));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="translations-title">
      <Title order={3} size="h4" id="translations-title" mb="sm">{t('translations')}</Title>
      <Table aria-labelledby="translations-title">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('edition')}</Table.Th>
            <Table.Th>{t('title')}</Table.Th>
            <Table.Th>{t('status')}</Table.Th>
            <Table.Th><VisuallyHidden>{t('action')}</VisuallyHidden></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ edition, own, foreign }) => (
            <Table.Tr key={edition.code} data-edition={edition.code}>
              <Table.Td>{edition.name}</Table.Td>
              <Table.Td>
                {own && <Text dir="auto" className="user-text" lang={edition.locale}>{own.title || own.slug}</Text>}
                {foreign && <Text dir="auto" className="user-text" c="dimmed">{foreign.slug}</Text>}
              </Table.Td>
              <Table.Td>
                {own && <Badge variant={own.status === 'published' ? 'filled' : 'light'} color={own.status === 'published' ? 'teal.9' : 'gray'}>{t(own.status)}</Badge>}
                {foreign && <Badge variant="filled" color="teal.9">{t('published')}</Badge>}
                {!own && !foreign && !myCodes.has(edition.code) && <Text size="sm" c="dimmed">{t('notYours')}</Text>}
              </Table.Td>
              <Table.Td>
                {own && own.id === post.id && <Text size="sm" c="dimmed">{t('thisOne')}</Text>}
                {own && own.id !== post.id && (
                  <Anchor href={`#/${section}/${edition.code}/${own.id}?source=${post.id}`}>{t('openBeside', edition.name)}</Anchor>
                )}
                {foreign && <Text size="sm" c="dimmed">{t('readOnly')}</Text>}
                {!own && myCodes.has(edition.code) && (
                  <Button size="xs" variant="default" component="a" href={`#/${section}/${edition.code}/new?translationOf=${post.id}`}>
                    {t('translateInto', edition.name)}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
