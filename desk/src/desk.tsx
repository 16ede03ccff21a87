import { createContext, useContext, useEffect, useState } from 'react';
import type { Account, Edition } from './api';
import { dictionaries, format, type Label, type Language } from './i18n';

/** What every page needs: who is signed in, the editions, the interface language and direction. */
export interface Desk {
  account: Account;
  editions: Edition[];
  /** The editions this person may touch. */
  myEditions: Edition[];
  language: Language;
  setLanguage: (language: Language | null) => void;
  t: (label: Label, ...values: (string | number)[]) => string;
  edition: (code: string) => Edition | undefined;
  signOut: (everywhere: boolean) => void;
}

export const DeskContext = createContext<Desk | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside the desk');
  return desk;
}

export function translator(language: Language) {
  return (label: Label, ...values: (string | number)[]) => format(dictionaries[language][label], ...values);
}

/** A date in the edition's calendar, time zone and numerals (fa-IR: the Persian calendar). */
export function formatDate(iso: string | null | undefined, edition: Edition | undefined): string {
  if (!iso) return '';
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  if (edition) {
    options.calendar = edition.calendar === 'persian' ? 'persian' : 'gregory';
    options.timeZone = edition.timeZone;
  }
  return new Intl.DateTimeFormat(edition?.locale ?? 'en', options).format(new Date(iso));
}

/** The hash route as path segments and query: "#/posts/fa?status=draft" → ["posts", "fa"], {status: "draft"}. */
export interface Route {
  parts: string[];
  params: URLSearchParams;
}

function readRoute(): Route {
  const hash = window.location.hash.replace(/^#\/?/, '');
  const [path, search] = hash.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(search ?? '') };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const changed = () => setRoute(readRoute());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}

export function go(path: string) {
  window.location.hash = path;
}

/** Shift+Space types a zero-width non-joiner (U+200C) in Farsi and Arabic text, as the Persian keyboard's key does. */
export function isZwnjKey(e: { key: string; shiftKey: boolean }) {
  return e.key === ' ' && e.shiftKey;
}

/** For inputs of right-to-left editions: Shift+Space inserts a ZWNJ at the caret. */
export function insertZwnjOnShiftSpace(e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>, setValue: (value: string) => void) {
  if (!isZwnjKey(e)) return;
  e.preventDefault();
  const input = e.currentTarget;
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? start;
  const value = input.value.slice(0, start) + '\u200c' + input.value.slice(end);
  setValue(value);
  requestAnimationFrame(() => input.setSelectionRange(start + 1, start + 1));
}
