import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { call, get, query, thumbnailOf, type Gallery, type ListOf, type Media } from '../api';
import { go, insertZwnjOnShiftSpace, useDesk } from '../desk';
import { MediaPicker } from '../media/MediaPicker';
import { Arrow } from './Pager';

/** Galleries: a list, and one gallery's title in this edition with its items in order, chosen from the library. */
export default function Galleries({ edition, id }: { edition: string; id: string | undefined }) {
  return id ? <GalleryEditor key={`${edition}/${id}`} edition={edition} id={id === 'new' ? null : Number(id)} /> : <GalleryList edition={edition} />;
}

function GalleryList({ edition }: { edition: string }) {
  const { t } = useDesk();
  const [list, setList] = useState<ListOf<Gallery> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<ListOf<Gallery>>(`/v1/admin/galleries${query({ perPage: 100 })}`).then(setList, (e: Error) => setError(e.message));
  }, []);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('galleries')}</Title>
        <Button component="a" href={`#/galleries/${edition}/new`}>{t('newGallery')}</Button>
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {list && list.items.length === 0 && <Text c="dimmed">{t('nothing')}</Text>}
      {list && list.items.length > 0 && (
        <Table striped aria-label={t('galleries')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('title')}</Table.Th>
              <Table.Th>{t('slug')}</Table.Th>
              <Table.Th>{t('items')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>
                  <Anchor href={`#/galleries/${edition}/${g.id}`} dir="auto" className="user-text">{g.titles[edition] || t('untitled')}</Anchor>
                </Table.Td>
                <Table.Td><bdi>{g.slug}</bdi></Table.Td>
                <Table.Td>{g.mediaIds.length}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function GalleryEditor({ edition, id }: { edition: string; id: number | null }) {
  const desk = useDesk();
  const { t } = desk;
  const direction = desk.edition(edition)?.direction ?? 'ltr';
  const [gallery, setGallery] = useState<Gallery | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [title, setTitle] = useState('');
  const [items, setItems] = useState<Media[]>([]);
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function loaded(g: Gallery, v: number | null) {
    setGallery(g);
    setVersion(v ?? g.version);
    setTitle(g.titles[edition] ?? '');
    Promise.all(g.mediaIds.map((m) => get<Media>(`/v1/admin/media/${m}`))).then(setItems, (e: Error) => setError(e.message));
  }

  useEffect(() => {
    if (id !== null) call<Gallery>('GET', `/v1/admin/galleries/${id}`).then((a) => loaded(a.data, a.version), (e: Error) => setError(e.message));
  }, [id]);

  /** Moves the item at index by step (-1 earlier, +1 later). */
  const move = (index: number, step: number) =>
    setItems((list) => {
      const next = [...list];
      [next[index], next[index + step]] = [next[index + step], next[index]];
      return next;
    });

  async function save() {
    setError(null);
    setNotice(null);
    // Titles of other editions are sent as they are: only this edition's changes.
    const body = { titles: { ...(gallery?.titles ?? {}), [edition]: title }, mediaIds: items.map((m) => m.id) };
    try {
      if (gallery) {
        const a = await call<Gallery>('PUT', `/v1/admin/galleries/${gallery.id}`, { body, ifMatch: version });
        loaded(a.data, a.version);
      } else {
        const a = await call<Gallery>('POST', '/v1/admin/galleries', { body });
        go(`/galleries/${edition}/${a.data.id}`);
      }
      setNotice(t('saved'));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  async function remove() {
    if (!gallery) return;
    try {
      await call('DELETE', `/v1/admin/galleries/${gallery.id}`, { ifMatch: version });
      go(`/galleries/${edition}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  const nameOf = (m: Media) => m.translations[edition]?.title || m.translations[edition]?.alt || `${t(m.kind)} #${m.id}`;

  return (
    <Stack>
      <Anchor href={`#/galleries/${edition}`}><Group gap={4}><Arrow />{t('galleries')}</Group></Anchor>
      <Title order={2} dir="auto" className="user-text">{title || t('newGallery')}</Title>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {notice && <Alert color="teal" role="status">{notice}</Alert>}
      <TextInput label={t('title')} dir={direction} value={title} onChange={(e) => setTitle(e.currentTarget.value)}
        onKeyDown={(e) => direction === 'rtl' && insertZwnjOnShiftSpace(e, setTitle)} />
      <Paper withBorder p="md" component="section" aria-labelledby="gallery-items">
        <Title order={3} size="h5" id="gallery-items" mb="sm">{t('items')}</Title>
        <ol className="gallery-items">
          {items.map((m, i) => (
            <li key={`${m.id}-${i}`}>
              <Group wrap="nowrap">
                {m.kind === 'image' && <img src={thumbnailOf(m)} alt="" width={96} />}
                <Text dir="auto" className="user-text" style={{ flex: 1 }}>{nameOf(m)}</Text>
                <ActionIcon variant="default" aria-label={t('moveUp', nameOf(m))} disabled={i === 0} onClick={() => move(i, -1)}>
                  <span aria-hidden="true">↑</span>
                </ActionIcon>
                <ActionIcon variant="default" aria-label={t('moveDown', nameOf(m))} disabled={i === items.length - 1} onClick={() => move(i, 1)}>
                  <span aria-hidden="true">↓</span>
                </ActionIcon>
                <Button size="xs" variant="subtle" color="red" aria-label={t('removeItem', nameOf(m))} onClick={() => setItems((list) => list.filter((_, j) => j !== i))}>
                  {t('remove')}
                </Button>
              </Group>
            </li>
          ))}
        </ol>
        <Button variant="default" onClick={() => setPicking(true)}>{t('addFromLibrary')}</Button>
      </Paper>
      <Group>
        <Button onClick={() => void save()}>{t('save')}</Button>
        {gallery && <Button variant="subtle" color="red" onClick={() => void remove()}>{t('deleteGallery')}</Button>}
      </Group>
      <MediaPicker edition={edition} title={t('addFromLibrary')} opened={picking} onClose={() => setPicking(false)}
        onPick={(m) => { setItems((list) => [...list, m]); setPicking(false); }} />
    </Stack>
  );
}
