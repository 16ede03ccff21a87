import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, AppShell, Burger, Button, Group, Loader, NavLink, Select, Stack, Text, Title, useDirection } from '@mantine/core';
import { call, get, useCsrfToken, type Edition, type Session } from './api';
import { DeskContext, go, translator, useDesk, useRoute, type Desk } from './desk';
import type { Language } from './i18n';
import { SignIn } from './pages/SignIn';
import { Invitation } from './pages/Invitation';
import { PostList } from './pages/PostList';

// Heavy pages load when first opened: the editor (TipTap), the media library, the admin pages.
const PostEditor = lazy(() => import('./pages/PostEditor'));
const Revisions = lazy(() => import('./pages/Revisions'));
const MediaLibrary = lazy(() => import('./pages/MediaLibrary'));
const Galleries = lazy(() => import('./pages/Galleries'));
const SiteSettings = lazy(() => import('./pages/SiteSettings'));
const NavigationEditor = lazy(() => import('./pages/NavigationEditor'));
const Keys = lazy(() => import('./pages/Keys'));
const Accounts = lazy(() => import('./pages/Accounts'));
const AuditLog = lazy(() => import('./pages/AuditLog'));

const languageKey = 'nejat-desk:language';
// The header's two selects show their labels beside them: both show a language's name, so a label tells them apart.
const headerSelect = (width: number) => ({
  root: { display: 'flex', alignItems: 'center', gap: 6 },
  label: { fontSize: 'var(--mantine-font-size-xs)', whiteSpace: 'nowrap' as const },
  wrapper: { width },
});

export function App() {
  const route = useRoute();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [editions, setEditions] = useState<Edition[]>([]);
  const [chosenLanguage, setChosenLanguage] = useState<Language | null>(() => localStorage.getItem(languageKey) as Language | null);
  const [navOpen, setNavOpen] = useState(false);
  const { setDirection } = useDirection();

  const signedIn = useCallback((s: Session | null) => {
    if (s) useCsrfToken(s.csrfToken);
    setSession(s);
  }, []);

  useEffect(() => {
    get<Edition[]>('/v1/editions').then(setEditions, () => setEditions([]));
    call<Session>('GET', '/v1/auth/session').then(
      (a) => signedIn(a.data),
      () => signedIn(null),
    );
  }, [signedIn]);

  // The edition in the route (#/posts/fa …) sets the direction; the language follows it unless chosen.
  // Without one: the last edition used, else the first the person may touch.
  const allowed = editions.filter((e) => session && (!session.account.editions || session.account.editions.includes(e.code)));
  const pick = (code: string | null | undefined) => ((session ? allowed : editions).some((e) => e.code === code) ? code : null);
  const editionCode = pick(route.parts[1]) ?? pick(localStorage.getItem('nejat-desk:edition')) ?? allowed[0]?.code;
  const current = editions.find((e) => e.code === editionCode);
  const language: Language = chosenLanguage ?? (current?.code === 'fa' || current?.code === 'ar' ? current.code : 'en');
  const direction = current?.direction ?? (language === 'en' ? 'ltr' : 'rtl');
  useEffect(() => {
    document.documentElement.dir = direction;
    document.documentElement.lang = language;
    setDirection(direction);
  }, [direction, language, setDirection]);
  useEffect(() => {
    if (current) localStorage.setItem('nejat-desk:edition', current.code);
  }, [current]);

  const t = useMemo(() => translator(language), [language]);

  const desk = useMemo<Desk | null>(() => {
    if (!session) return null;
    const mine = editions.filter((e) => !session.account.editions || session.account.editions.includes(e.code));
    return {
      account: session.account,
      editions,
      myEditions: mine,
      language,
      setLanguage: (l) => {
        if (l) localStorage.setItem(languageKey, l);
        else localStorage.removeItem(languageKey);
        setChosenLanguage(l);
      },
      t,
      edition: (code) => editions.find((e) => e.code === code),
      signOut: async (everywhere) => {
        await call('DELETE', everywhere ? '/v1/auth/sessions' : '/v1/auth/session').catch(() => undefined);
        signedIn(null);
        go('/signin');
      },
    };
  }, [session, editions, language, t, signedIn]);

  if (route.parts[0] === 'invitation' && route.parts[1]) {
    return <Invitation token={route.parts[1]} t={t} onSignedIn={(s) => { signedIn(s); go('/'); }} />;
  }
  if (session === undefined) return <Loader m="xl" aria-label={t('loading')} />;
  if (!desk) return <SignIn t={t} onSignedIn={signedIn} />;

  const home = desk.myEditions[0]?.code ?? 'en';
  const edition = current?.code ?? home;
  const isAdmin = desk.account.role === 'admin';
  const page = route.parts[0] ?? 'posts';

  return (
    <DeskContext.Provider value={desk}>
      <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpen } }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group wrap="nowrap">
              <Burger opened={navOpen} onClick={() => setNavOpen((o) => !o)} hiddenFrom="sm" size="sm" aria-label={t('menu')} />
              <Title order={1} size="h4">{t('desk')}</Title>
            </Group>
            <Group wrap="nowrap" gap="xs">
              <Select
                label={t('edition')}
                styles={headerSelect(130)}
                data={desk.myEditions.map((e) => ({ value: e.code, label: e.name }))}
                value={edition}
                allowDeselect={false}
                onChange={(code) => code && go(`/${['posts', 'pages', 'media', 'galleries', 'settings', 'navigation'].includes(page) ? page : 'posts'}/${code}`)}
              />
              <Select
                label={t('language')}
                styles={headerSelect(110)}
                data={[{ value: 'en', label: 'English' }, { value: 'fa', label: 'فارسی' }, { value: 'ar', label: 'العربية' }]}
                value={language}
                allowDeselect={false}
                onChange={(l) => desk.setLanguage(l as Language)}
              />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" component="nav" aria-label={t('deskNavigation')}>
          <Stack gap={2}>
            <NavLink variant="filled" href={`#/posts/${edition}`} label={t('posts')} active={page === 'posts'} />
            <NavLink variant="filled" href={`#/pages/${edition}`} label={t('pages')} active={page === 'pages'} />
            <NavLink variant="filled" href={`#/media/${edition}`} label={t('media')} active={page === 'media'} />
            <NavLink variant="filled" href={`#/galleries/${edition}`} label={t('galleries')} active={page === 'galleries'} />
            <NavLink variant="filled" href={`#/navigation/${edition}`} label={t('navigation')} active={page === 'navigation'} />
            <NavLink variant="filled" href={`#/settings/${edition}`} label={t('settings')} active={page === 'settings'} />
            {isAdmin && <NavLink variant="filled" href="#/keys" label={t('keys')} active={page === 'keys'} />}
            {isAdmin && <NavLink variant="filled" href="#/accounts" label={t('accounts')} active={page === 'accounts'} />}
            {isAdmin && <NavLink variant="filled" href="#/audit" label={t('audit')} active={page === 'audit'} />}
          </Stack>
          <Stack gap="xs" mt="xl">
            <Text size="sm" dir="auto" className="user-text">{desk.account.displayName}</Text>
            <Button variant="default" size="xs" onClick={() => desk.signOut(false)}>{t('signOut')}</Button>
            <Button variant="subtle" size="xs" onClick={() => desk.signOut(true)}>{t('signOutEverywhere')}</Button>
          </Stack>
        </AppShell.Navbar>
        <AppShell.Main>
          <main className="desk-main">
            <Suspense fallback={<Loader aria-label={t('loading')} />}>
              <Page page={page} edition={edition} />
            </Suspense>
          </main>
        </AppShell.Main>
      </AppShell>
    </DeskContext.Provider>
  );
}

function Page({ page, edition }: { page: string; edition: string }) {
  const route = useRoute();
  const { t } = useDesk();
  const [, , id, sub] = route.parts;
  switch (page) {
    case 'posts':
    case 'pages': {
      const kind = page === 'posts' ? 'post' : 'page';
      if (id && sub === 'revisions') return <Revisions kind={kind} id={Number(id)} edition={edition} />;
      if (id) return <PostEditor key={`${edition}/${id}`} kind={kind} edition={edition} id={id === 'new' ? null : Number(id)} translationOf={route.params.get('translationOf')} sourceOf={route.params.get('source')} />;
      return <PostList key={`${kind}/${edition}`} kind={kind} edition={edition} />;
    }
    case 'media':
      return <MediaLibrary edition={edition} />;
    case 'galleries':
      return <Galleries edition={edition} id={id} />;
    case 'settings':
      return <SiteSettings key={edition} edition={edition} />;
    case 'navigation':
      return <NavigationEditor key={edition} edition={edition} />;
    case 'keys':
      return <Keys />;
    case 'accounts':
      return <Accounts />;
    case 'audit':
      return <AuditLog />;
    default:
      return <Alert color="gray">{t('nothing')}</Alert>;
  }
}

