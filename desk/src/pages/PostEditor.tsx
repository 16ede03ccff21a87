import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Button, Group, Image, Input, Loader, Paper, Select, Stack, TagsInput, Text, TextInput, Textarea, Title, TypographyStylesProvider } from '@mantine/core';
import { ApiError, call, get, query, thumbnailOf, type Kind, type ListOf, type Media, type Post } from '../api';
import { formatDate, go, insertZwnjOnShiftSpace, useDesk } from '../desk';
import { RichText } from '../editor/RichText';
import { MediaPicker } from '../media/MediaPicker';
import { Arrow } from './Pager';
import { Translations } from './Translations';

/** What the person edits; everything else about a post comes from the service. */
interface Form {
  title: string;
  slug: string;
  excerpt: string;
  bodyHtml: string;
  tags: string[];
  author: string | null;
  byline: string;
  featuredMediaId: number | null;
  publishedAt: string | null;
}

const blank: Form = { title: '', slug: '', excerpt: '', bodyHtml: '', tags: [], author: null, byline: '', featuredMediaId: null, publishedAt: null };

const formOf = (p: Post): Form => ({
  title: p.title,
  slug: p.slug,
  excerpt: p.excerpt,
  bodyHtml: p.bodyHtml,
  tags: p.tags,
  author: p.author,
  byline: p.byline ?? '',
  featuredMediaId: p.featuredMediaId,
  publishedAt: p.publishedAt,
});

/** Unsaved changes, kept in this browser until saved, so a reload or a crash loses nothing. */
interface Unsaved {
  form: Form;
  version: number | null;
}

const unsavedKey = (kind: Kind, edition: string, id: number | null) => `nejat-desk:unsaved:${kind}:${edition}:${id ?? 'new'}`;

/** The slug the service will make from a title: words joined by hyphens, letters and digits of any script kept. */
export const slugFrom = (title: string) =>
  title.trim().toLowerCase().replace(/[^\p{L}\p{N}\p{M}\u200c\s-]/gu, '').replace(/\s+/g, '-');

/** A datetime-local value (the browser's zone) from an instant, and back. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

/**
 * translationOf: a new post that translates that post (shown beside it); sourceOf: an existing translation opened
 * beside that post of the same story.
 */
export default function PostEditor({ kind, edition, id, translationOf, sourceOf }: { kind: Kind; edition: string; id: number | null; translationOf: string | null; sourceOf: string | null }) {
  const desk = useDesk();
  const { t } = desk;
  const section = kind === 'post' ? 'posts' : 'pages';
  const ed = desk.edition(edition);
  const direction = ed?.direction ?? 'ltr';
  const key = unsavedKey(kind, edition, id);

  const [post, setPost] = useState<Post | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [form, setForm] = useState<Form | null>(id === null ? null : null);
  const [slugEdited, setSlugEdited] = useState(id !== null);
  const [restored, setRestored] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [theirs, setTheirs] = useState<Post | null>(null);
  const [busy, setBusy] = useState(false);
  const [source, setSource] = useState<Post | null>(null);
  const [tagNames, setTagNames] = useState<string[]>([]);
  const [authors, setAuthors] = useState<{ slug: string; name: string }[]>([]);
  const [featured, setFeatured] = useState<Media | null>(null);
  const [picking, setPicking] = useState(false);

  // Load the post (or start a new one), then lay any unsaved changes of this browser over it.
  useEffect(() => {
    const stored = localStorage.getItem(key);
    const unsaved = stored ? (JSON.parse(stored) as Unsaved) : null;
    const start = (loaded: Post | null, loadedVersion: number | null) => {
      setPost(loaded);
      setVersion(unsaved?.version ?? loadedVersion);
      const base = loaded ? formOf(loaded) : blank;
      if (unsaved && JSON.stringify(unsaved.form) !== JSON.stringify(base)) {
        setForm(unsaved.form);
        setRestored(true);
      } else {
        setForm(base);
      }
    };
    if (id === null) start(null, null);
    else
      call<Post>('GET', `/v1/admin/${section}/${id}`).then(
        (a) => start(a.data, a.version ?? a.data.version),
        (e: ApiError) => setError(e.status === 403 ? `${t('notAllowed')} ${e.message}` : e.message),
      );
  }, [key, id, section, t]);

  useEffect(() => {
    get<ListOf<{ name: string }>>(`/v1/admin/tags${query({ edition, perPage: 100 })}`).then((l) => setTagNames(l.items.map((x) => x.name)), () => undefined);
    get<ListOf<{ slug: string; name: string }>>('/v1/admin/authors?perPage=100').then((l) => setAuthors(l.items), () => undefined);
  }, [edition]);

  const sourceId = translationOf ?? sourceOf;
  useEffect(() => {
    if (sourceId) get<Post>(`/v1/admin/${section}/${sourceId}`).then(setSource, () => setSource(null));
    else setSource(null);
  }, [sourceId, section]);

  useEffect(() => {
    if (form?.featuredMediaId && featured?.id !== form.featuredMediaId) get<Media>(`/v1/admin/media/${form.featuredMediaId}`).then(setFeatured, () => setFeatured(null));
  }, [form?.featuredMediaId, featured?.id]);

  const saved = useMemo(() => (post ? formOf(post) : blank), [post]);
  const dirty = form !== null && JSON.stringify(form) !== JSON.stringify(saved);

  // Every change is kept in localStorage until the service has it.
  useEffect(() => {
    if (!form) return;
    if (dirty) localStorage.setItem(key, JSON.stringify({ form, version } satisfies Unsaved));
    else localStorage.removeItem(key);
  }, [form, dirty, key, version]);

  const change = useCallback(<K extends keyof Form>(field: K, value: Form[K]) => setForm((f) => (f ? { ...f, [field]: value } : f)), []);

  const loaded = (p: Post, v: number | null) => {
    setPost(p);
    setVersion(v ?? p.version);
    setForm(formOf(p));
    setTheirs(null);
  };

  /** A 412 keeps the person's text and shows the other version beside it. */
  async function handle(e: unknown) {
    if (e instanceof ApiError && e.status === 412 && post) {
      setTheirs(await get<Post>(`/v1/admin/${section}/${post.id}`));
      setError(null);
    } else {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  /** Saves the form; returns the saved post, or null when it could not. */
  async function save(): Promise<{ post: Post; version: number } | null> {
    if (!form) return null;
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      if (!post) {
        const body = { ...form, edition, slug: slugEdited ? form.slug : null, author: form.author, byline: form.byline || null, translationOf: translationOf ? Number(translationOf) : null };
        const a = await call<Post>('POST', `/v1/admin/${section}`, { body });
        localStorage.removeItem(key);
        setNotice(t('saved'));
        go(`/${section}/${edition}/${a.data.id}`);
        return { post: a.data, version: a.version ?? a.data.version };
      }
      const patch: Partial<Record<keyof Form, unknown>> = {};
      for (const field of Object.keys(form) as (keyof Form)[]) {
        if (JSON.stringify(form[field]) !== JSON.stringify(saved[field])) patch[field] = field === 'byline' ? form.byline || null : form[field];
      }
      if (Object.keys(patch).length === 0) return { post, version: version ?? post.version };
      const a = await call<Post>('PATCH', `/v1/admin/${section}/${post.id}`, { body: patch, ifMatch: version, mergePatch: true });
      loaded(a.data, a.version);
      setNotice(t('saved'));
      return { post: a.data, version: a.version ?? a.data.version };
    } catch (e) {
      await handle(e);
      return null;
    } finally {
      setBusy(false);
    }
  }

  /** A workflow step (publish, schedule …), after saving what is unsaved. */
  async function step(method: string, suffix: string, body?: unknown) {
    const current = await save();
    if (!current || !post) return;
    setBusy(true);
    try {
      await call(method, `/v1/admin/${section}/${current.post.id}${suffix}`, { ifMatch: current.version, body });
      const a = await call<Post>('GET', `/v1/admin/${section}/${current.post.id}`);
      loaded(a.data, a.version);
      setNotice(t('saved'));
    } catch (e) {
      await handle(e);
    } finally {
      setBusy(false);
    }
  }

  function schedule() {
    if (!form?.publishedAt || new Date(form.publishedAt) <= new Date()) {
      setError(t('scheduleNeedsDate'));
      return;
    }
    void step('POST', '/schedule', { publishAt: form.publishedAt });
  }

  if (error && !form) return <Alert color="red" role="alert">{error}</Alert>;
  if (!form) return <Loader aria-label={t('loading')} />;

  const rtlInput = direction === 'rtl' ? { onKeyDown: (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => insertZwnjOnShiftSpace(e, (v) => change(e.currentTarget.name as 'title' | 'excerpt' | 'byline', v)) } : {};

  const fields = (
    <Stack>
      <TextInput name="title" label={t('title')} dir={direction} lang={ed?.locale} value={form.title} size="lg"
        onChange={(e) => change('title', e.currentTarget.value)} {...rtlInput} />
      <TextInput label={t('slug')} description={t('slugHint')} dir="auto" value={slugEdited ? form.slug : slugFrom(form.title)}
        onChange={(e) => { setSlugEdited(true); change('slug', e.currentTarget.value); }} />
      <Textarea name="excerpt" label={t('excerpt')} dir={direction} autosize minRows={2} value={form.excerpt}
        onChange={(e) => change('excerpt', e.currentTarget.value)} {...rtlInput} />
      <Input.Wrapper label={t('body')} labelElement="div">
        <RichText html={form.bodyHtml} onChange={(html) => change('bodyHtml', html)} direction={direction} lang={ed?.locale ?? edition} label={t('body')} />
      </Input.Wrapper>
      <TagsInput label={t('tags')} description={t('tagsHint')} data={tagNames} value={form.tags} onChange={(v) => change('tags', v)} dir={direction} clearable />
      <Group grow align="start">
        <Select label={t('author')} clearable searchable data={authors.map((a) => ({ value: a.slug, label: a.name }))} value={form.author} onChange={(v) => change('author', v)} />
        <TextInput name="byline" label={t('byline')} dir="auto" value={form.byline} onChange={(e) => change('byline', e.currentTarget.value)} {...rtlInput} />
      </Group>
      <Input.Wrapper label={t('featuredImage')} labelElement="div">
        <Group>
          {form.featuredMediaId && featured && <Image src={thumbnailOf(featured)} alt={featured.translations[edition]?.alt ?? ''} w={160} radius="sm" data-testid="featured-image" />}
          <Button variant="default" onClick={() => setPicking(true)}>{t('chooseImage')}</Button>
          {form.featuredMediaId && <Button variant="subtle" color="red" onClick={() => change('featuredMediaId', null)}>{t('removeImage')}</Button>}
        </Group>
      </Input.Wrapper>
      <TextInput type="datetime-local" label={t('publishDate')} description={formatDate(form.publishedAt, ed)} value={toLocalInput(form.publishedAt)}
        onChange={(e) => change('publishedAt', fromLocalInput(e.currentTarget.value))} w={280} />
    </Stack>
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Anchor href={`#/${section}/${edition}`}><Group gap={4}><Arrow />{t(section)}</Group></Anchor>
        {post && (
          <Group gap="xs">
            <Text size="sm" c="dimmed">{t('status')}: {t(post.status)} · {formatDate(post.updatedAt, ed)}</Text>
            <Anchor href={`#/${section}/${edition}/${post.id}/revisions`}>{t('revisions')}</Anchor>
          </Group>
        )}
      </Group>
      <Title order={2} dir="auto" className="user-text">{form.title || t(kind === 'post' ? 'newPost' : 'newPage')}</Title>

      {restored && dirty && (
        <Alert color="blue">
          <Group justify="space-between">
            <span>{t('restoredDraft')}</span>
            <Button size="xs" variant="default" onClick={() => { setForm(saved); setRestored(false); if (post) setVersion(post.version); }}>{t('discard')}</Button>
          </Group>
        </Alert>
      )}
      {theirs && (
        <Alert color="orange" role="alert" title={t('conflict')} data-testid="conflict">
          <Text size="sm" mb="sm">{t('conflictHelp')}</Text>
          <div className="side-by-side">
            <Paper withBorder p="sm">
              <Title order={3} size="h5">{t('yourVersion')}</Title>
              <Text dir="auto" fw={600}>{form.title}</Text>
              <TypographyStylesProvider><div dir={direction} dangerouslySetInnerHTML={{ __html: form.bodyHtml }} /></TypographyStylesProvider>
            </Paper>
            <Paper withBorder p="sm">
              <Title order={3} size="h5">{t('theirVersion')}</Title>
              <Text dir="auto" fw={600}>{theirs.title}</Text>
              <TypographyStylesProvider><div dir={direction} dangerouslySetInnerHTML={{ __html: theirs.bodyHtml }} /></TypographyStylesProvider>
            </Paper>
          </div>
          <Group mt="sm">
            <Button size="xs" onClick={() => { setVersion(theirs.version); setPost(theirs); setTheirs(null); }}>{t('keepMine')}</Button>
            <Button size="xs" variant="default" onClick={() => loaded(theirs, theirs.version)}>{t('takeTheirs')}</Button>
          </Group>
        </Alert>
      )}
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {notice && !dirty && <Alert color="teal" role="status">{notice}</Alert>}

      {source ? (
        <div className="side-by-side">
          <Paper withBorder p="md" aria-label={t('source')}>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">{t('source')} · {desk.edition(source.edition)?.name}</Text>
              {sourceOf && post && <Anchor size="sm" href={`#/${section}/${edition}/${post.id}`}>{t('hideSource')}</Anchor>}
            </Group>
            <div dir={desk.edition(source.edition)?.direction ?? 'auto'} lang={source.edition}>
              <Title order={3}>{source.title}</Title>
              <Text>{source.excerpt}</Text>
              <TypographyStylesProvider><div dangerouslySetInnerHTML={{ __html: source.bodyHtml }} /></TypographyStylesProvider>
            </div>
          </Paper>
          {fields}
        </div>
      ) : (
        fields
      )}

      <Group>
        <Button onClick={() => void save()} loading={busy} disabled={!dirty && post !== null}>{t('saveDraft')}</Button>
        {post && post.status !== 'published' && post.status !== 'trashed' && <Button color="teal" variant="outline" onClick={() => void step('POST', '/publish')} disabled={busy}>{t('publish')}</Button>}
        {post && post.status !== 'trashed' && <Button variant="outline" onClick={schedule} disabled={busy}>{t('schedule')}</Button>}
        {post && (post.status === 'published' || post.status === 'scheduled') && <Button variant="default" onClick={() => void step('POST', '/unpublish')} disabled={busy}>{t('unpublish')}</Button>}
        {post && post.status !== 'trashed' && <Button variant="subtle" color="red" onClick={() => void step('DELETE', '')} disabled={busy}>{t('trash')}</Button>}
        {post && post.status === 'trashed' && <Button variant="default" onClick={() => void step('POST', '/restore')} disabled={busy}>{t('restore')}</Button>}
      </Group>

      {post && <Translations post={post} />}

      <MediaPicker edition={edition} title={t('featuredImage')} opened={picking} onClose={() => setPicking(false)}
        onPick={(m) => { setFeatured(m); change('featuredMediaId', m.id); setPicking(false); }} />
    </Stack>
  );
}
