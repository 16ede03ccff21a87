import { useEffect, useState } from 'react';
import { Alert, Button, Loader, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { call } from '../api';
import { useDesk } from '../desk';

interface Settings {
  title: string | null;
  description: string | null;
  copyright: string | null;
}

export default function SiteSettings({ edition }: { edition: string }) {
  const desk = useDesk();
  const { t } = desk;
  const dir = desk.edition(edition)?.direction ?? 'ltr';
  const [settings, setSettings] = useState<Settings | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    call<Settings>('GET', `/v1/admin/settings/${edition}`).then((a) => { setSettings(a.data); setVersion(a.version); }, (e: Error) => setMessage({ ok: false, text: e.message }));
  }, [edition]);

  async function save() {
    if (!settings) return;
    try {
      const a = await call<Settings>('PATCH', `/v1/admin/settings/${edition}`, { body: { title: settings.title, description: settings.description, copyright: settings.copyright }, ifMatch: version, mergePatch: true });
      setSettings(a.data);
      setVersion(a.version);
      setMessage({ ok: true, text: t('saved') });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  }

  if (!settings) return message ? <Alert color="red" role="alert">{message.text}</Alert> : <Loader aria-label={t('loading')} />;
  return (
    <Stack maw={640}>
      <Title order={2}>{t('settings')} · {desk.edition(edition)?.name}</Title>
      <TextInput label={t('siteTitle')} dir={dir} value={settings.title ?? ''} onChange={(e) => setSettings({ ...settings, title: e.currentTarget.value })} />
      <Textarea label={t('description')} dir={dir} value={settings.description ?? ''} onChange={(e) => setSettings({ ...settings, description: e.currentTarget.value })} />
      <TextInput label={t('copyright')} dir={dir} value={settings.copyright ?? ''} onChange={(e) => setSettings({ ...settings, copyright: e.currentTarget.value })} />
      {message && <Alert color={message.ok ? 'teal' : 'red'} role={message.ok ? 'status' : 'alert'}>{message.text}</Alert>}
      <Button onClick={() => void save()} w="fit-content">{t('save')}</Button>
    </Stack>
  );
}
