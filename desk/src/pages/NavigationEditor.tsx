import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, Stack, TextInput, Title } from '@mantine/core';
import { call } from '../api';
import { useDesk } from '../desk';

interface Link {
  kind: string | null;
  id: number | null;
  slug: string | null;
  url: string | null;
}

interface Item {
  label: string | null;
  link: Link | null;
  children: Item[] | null;
}

/** The edition's menu: labels and links of the top level, in order; sub-menus are kept as they are. */
export default function NavigationEditor({ edition }: { edition: string }) {
  const desk = useDesk();
  const { t } = desk;
  const dir = desk.edition(edition)?.direction ?? 'ltr';
  const [items, setItems] = useState<Item[] | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    call<{ items: Item[] }>('GET', `/v1/admin/navigation/${edition}`).then((a) => { setItems(a.data.items ?? []); setVersion(a.version); }, (e: Error) => setMessage({ ok: false, text: e.message }));
  }, [edition]);

  const update = (index: number, item: Item) => setItems((all) => all && all.map((x, i) => (i === index ? item : x)));

  async function save() {
    try {
      const a = await call<{ items: Item[] }>('PUT', `/v1/admin/navigation/${edition}`, { body: { items }, ifMatch: version });
      setItems(a.data.items ?? []);
      setVersion(a.version);
      setMessage({ ok: true, text: t('saved') });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  }

  if (!items) return message ? <Alert color="red" role="alert">{message.text}</Alert> : <Loader aria-label={t('loading')} />;
  return (
    <Stack maw={720}>
      <Title order={2}>{t('navigation')} · {desk.edition(edition)?.name}</Title>
      {items.map((item, i) => (
        <Group key={i} align="end">
          <TextInput label={t('label')} dir={dir} value={item.label ?? ''} onChange={(e) => update(i, { ...item, label: e.currentTarget.value })} />
          <TextInput label={t('url')} dir="ltr" value={item.link?.url ?? item.link?.slug ?? ''}
            onChange={(e) => update(i, { ...item, link: { kind: 'url', id: null, slug: null, url: e.currentTarget.value } })} disabled={item.link?.kind !== null && item.link?.kind !== 'url' && item.link !== null} />
          <Button variant="subtle" color="red" onClick={() => setItems(items.filter((_, j) => j !== i))}>{t('remove')}</Button>
        </Group>
      ))}
      <Group>
        <Button variant="default" onClick={() => setItems([...items, { label: '', link: { kind: 'url', id: null, slug: null, url: '' }, children: [] }])}>{t('addItem')}</Button>
        <Button onClick={() => void save()}>{t('save')}</Button>
      </Group>
      {message && <Alert color={message.ok ? 'teal' : 'red'} role={message.ok ? 'status' : 'alert'}>{message.text}</Alert>}
    </Stack>
  );
}
