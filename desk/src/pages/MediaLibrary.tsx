import { useEffect, useState } from 'react';
import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { call, get, query, thumbnailOf, type ListOf, type Media, type MediaCollection, type MediaText } from '../api';
import { insertZwnjOnShiftSpace, useDesk } from '../desk';
import { Uploader } from '../media/Uploader';
import { Pager } from './Pager';

const perPage = 24;

export default function MediaLibrary({ edition }: { edition: string }) {
  const desk = useDesk();
  const { t } = desk;
  const [page, setPage] = useState(1);
  const [list, setList] = useState<ListOf<Media> | null>(null);
  const [selected, setSelected] = useState<Media | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [collections, setCollections] = useState<MediaCollection[]>([]);
  const [collection, setCollection] = useState<string | null>(null);
  // Collections are the whole site's: only admins of every edition add them.
  const mayAddCollections = desk.account.role === 'admin' && desk.account.editions === null;

  useEffect(() => {
    get<MediaCollection[]>('/v1/media/collections', { revalidate: true }).then(setCollections, () => setCollections([]));
  }, [reload]);

  useEffect(() => setPage(1), [collection]);

  useEffect(() => {
    get<ListOf<Media>>(`/v1/admin/media${query({ collection, page, perPage })}`).then(setList, (e: Error) => setError(e.message));
  }, [collection, page, reload]);

  return (
    <Stack>
      <Title order={2}>{t('media')}</Title>
      <Uploader onUploaded={(m) => { setSelected(m); setReload((r) => r + 1); }} />
      <Group align="end">
        <Select label={t('collection')} placeholder={t('any')} clearable data={collections.map((c) => ({ value: c.slug, label: c.name }))} value={collection} onChange={setCollection} />
        {mayAddCollections && <NewCollection onAdded={() => setReload((r) => r + 1)} />}
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Group align="start" wrap="nowrap">
        <div className="media-grid" style={{ flex: 1 }}>
          {list?.items.map((m) => (
            <UnstyledButton key={m.id} onClick={() => setSelected(m)} aria-pressed={selected?.id === m.id}
              aria-label={m.translations[edition]?.title || m.translations[edition]?.alt || `${t(m.kind)} #${m.id}`}>
              {m.kind === 'image' ? <img src={thumbnailOf(m)} alt="" loading="lazy" /> : <Paper withBorder p="md"><Text size="sm">{t(m.kind)} #{m.id}</Text></Paper>}
            </UnstyledButton>
          ))}
        </div>
        {selected && <MediaTexts key={`${selected.id}/${selected.version}`} media={selected} edition={edition} collections={collections} onSaved={(m) => { setSelected(m); setReload((r) => r + 1); }} />}
      </Group>
      {list?.page && <Pager page={page} totalPages={list.page.totalPages ?? 1} onPage={setPage} />}
    </Stack>
  );
}

/** A new collection of the site's media, by name (the service makes its slug). */
function NewCollection({ onAdded }: { onAdded: () => void }) {
  const { t } = useDesk();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function add() {
    try {
      await call('POST', '/v1/admin/media/collections', { body: { name } });
      setName('');
      setError(null);
      onAdded();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <Group align="end">
      <TextInput label={t('newCollection')} dir="auto" value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} />
      <Button variant="default" disabled={!name.trim()} onClick={() => void add()}>{t('addCollection')}</Button>
    </Group>
  );
}

/** One edition's title, alt text and caption of a media item, and its collection (seen by every edition). */
function MediaTexts({ media, edition, collections, onSaved }: { media: Media; edition: string; collections: MediaCollection[]; onSaved: (m: Media) => void }) {
  const desk = useDesk();
  const { t } = desk;
  const direction = desk.edition(edition)?.direction ?? 'ltr';
  const [text, setText] = useState<MediaText>(media.translations[edition] ?? { title: '', alt: '', caption: '' });
  const [collection, setCollection] = useState<string | null>(media.collection);
  const [error, setError] = useState<string | null>(null);
  const field = (name: keyof MediaText, label: string) => (
    <TextInput label={label} dir={direction} value={text[name] ?? ''} onChange={(e) => setText({ ...text, [name]: e.currentTarget.value })}
      onKeyDown={(e) => direction === 'rtl' && insertZwnjOnShiftSpace(e, (v) => setText({ ...text, [name]: v }))} />
  );

  async function save() {
    try {
      // The collection only when it changed: changing it needs the rights on every edition that uses the item.
      const body = { translations: { [edition]: text }, ...(collection !== media.collection ? { collection } : {}) };
      const a = await call<Media>('PATCH', `/v1/admin/media/${media.id}`, { body, ifMatch: media.version, mergePatch: true });
      onSaved(a.data);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <Paper withBorder p="md" w={320} component="section" aria-label={`#${media.id}`}>
      <Stack>
        {media.kind === 'image' && <img src={thumbnailOf(media)} alt={text.alt ?? ''} style={{ maxInlineSize: '100%' }} />}
        {field('title', t('title'))}
        {field('alt', t('alt'))}
        {field('caption', t('caption'))}
        <Select label={t('collection')} placeholder={t('noCollection')} clearable data={collections.map((c) => ({ value: c.slug, label: c.name }))} value={collection} onChange={setCollection} />
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Button onClick={() => void save()}>{t('save')}</Button>
      </Stack>
    </Paper>
  );
}
