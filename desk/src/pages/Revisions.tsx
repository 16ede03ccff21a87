import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Group, Loader, NavLink, Paper, Stack, Text, Title } from '@mantine/core';
import { call, get, type Kind, type Post } from '../api';
import { formatDate, go, useDesk } from '../desk';
import { Arrow } from './Pager';

interface Revision {
  number: number;
  createdAt: string;
  keyName: string;
  action: string;
  state: Omit<Post, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
}

type Part = { text: string; change: 'same' | 'added' | 'removed' };

/** A word-level difference (longest common subsequence); very long texts are compared whole. */
function diff(before: string, after: string): Part[] {
  const a = before.split(/(\s+)/);
  const b = after.split(/(\s+)/);
  if (a.length * b.length > 4_000_000) return before === after ? [{ text: after, change: 'same' }] : [{ text: before, change: 'removed' }, { text: after, change: 'added' }];
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const parts: Part[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      parts.push({ text: a[i], change: 'same' });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i][j + 1] >= lcs[i + 1][j])) parts.push({ text: b[j++], change: 'added' });
    else parts.push({ text: a[i++], change: 'removed' });
  }
  return parts;
}

/** One side of the comparison: the old side shows what went, the new side what came. */
function Side({ parts, show, dir }: { parts: Part[]; show: 'removed' | 'added'; dir: string }) {
  return (
    <div dir={dir} className="html-source">
      {parts.filter((p) => p.change === 'same' || p.change === show).map((p, i) =>
        p.change === 'same' ? <span key={i}>{p.text}</span> : show === 'added' ? <ins key={i} className="diff-added">{p.text}</ins> : <del key={i} className="diff-removed">{p.text}</del>,
      )}
    </div>
  );
}

const fieldsOf = (s: Revision['state']) => ({ title: s.title, slug: s.slug, excerpt: s.excerpt, status: s.status, tags: s.tags.join(', '), body: s.bodyHtml });

export default function Revisions({ kind, id, edition }: { kind: Kind; id: number; edition: string }) {
  const desk = useDesk();
  const { t } = desk;
  const section = kind === 'post' ? 'posts' : 'pages';
  const ed = desk.edition(edition);
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [current, setCurrent] = useState<{ post: Post; version: number } | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<Revision[]>(`/v1/admin/${section}/${id}/revisions`).then((r) => {
      setRevisions(r);
      setChosen(r.length > 1 ? r[r.length - 2].number : r[0]?.number ?? null);
    }, (e: Error) => setError(e.message));
    call<Post>('GET', `/v1/admin/${section}/${id}`).then((a) => setCurrent({ post: a.data, version: a.version ?? a.data.version }), (e: Error) => setError(e.message));
  }, [section, id]);

  async function restore(number: number) {
    if (!current) return;
    try {
      await call('POST', `/v1/admin/${section}/${id}/revisions/${number}/restore`, { ifMatch: current.version });
      go(`/${section}/${edition}/${id}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  if (error) return <Alert color="red" role="alert">{error}</Alert>;
  if (!revisions || !current) return <Loader aria-label={t('loading')} />;
  const revision = revisions.find((r) => r.number === chosen);
  const before = revision ? fieldsOf(revision.state) : null;
  const after = fieldsOf(current.post);

  return (
    <Stack>
      <Anchor href={`#/${section}/${edition}/${id}`}><Group gap={4}><Arrow />{t('back')}</Group></Anchor>
      <Title order={2}>{t('revisions')} · <bdi>{current.post.title}</bdi></Title>
      <Group align="start" wrap="nowrap">
        <Stack gap={2} w={240} component="nav" aria-label={t('revisions')}>
          {[...revisions].reverse().map((r) => (
            <NavLink key={r.number} active={r.number === chosen} onClick={() => setChosen(r.number)} component="button"
              label={`${t('revision')} ${r.number} · ${r.action}`} description={<span>{formatDate(r.createdAt, ed)} · {t('by')} <bdi>{r.keyName}</bdi></span>} />
          ))}
        </Stack>
        {revision && before && (
          <Stack style={{ flex: 1 }}>
            <div className="side-by-side">
              <Title order={3} size="h5">{t('revision')} {revision.number}</Title>
              <Title order={3} size="h5">{t('current')}</Title>
            </div>
            {(Object.keys(after) as (keyof typeof after)[]).map((field) => {
              const parts = diff(before[field], after[field]);
              return (
                <Paper key={field} withBorder p="xs">
                  <Text size="xs" c="dimmed">{field}</Text>
                  <div className="side-by-side">
                    <Side parts={parts} show="removed" dir={ed?.direction ?? 'auto'} />
                    <Side parts={parts} show="added" dir={ed?.direction ?? 'auto'} />
                  </div>
                </Paper>
              );
            })}
            <Group><Button onClick={() => void restore(revision.number)}>{t('restoreRevision')}</Button></Group>
          </Stack>
        )}
      </Group>
    </Stack>
  );
}
