// The desk speaks only the service's public and admin API, with the session cookie and its CSRF token.

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
  currentVersion?: number;
}

export class ApiError extends Error {
  constructor(public readonly status: number, public readonly problem: Problem, public readonly retryAfter: string | null) {
    super(problemText(problem));
  }
}

/** A problem as one plain sentence: its detail, or its field errors, or its title. */
export function problemText(problem: Problem): string {
  const fields = problem.errors ? Object.values(problem.errors).flat().join(' ') : '';
  return problem.detail || fields || problem.title || `HTTP ${problem.status}`;
}

let csrfToken = '';
export function useCsrfToken(token: string) {
  csrfToken = token;
}

export interface Answer<T> {
  data: T;
  version: number | null;
}

export interface CallOptions {
  body?: unknown;
  ifMatch?: number | null;
  mergePatch?: boolean;
  /** For public answers, which browsers may keep for a while: ask the service (a 304 when unchanged). */
  revalidate?: boolean;
}

/** The version an ETag names ("3" → 3). */
function versionOf(response: Response): number | null {
  const etag = response.headers.get('ETag');
  const match = etag?.match(/^"(\d+)"$/);
  return match ? Number(match[1]) : null;
}

async function fail(response: Response): Promise<never> {
  let problem: Problem = { status: response.status };
  try {
    problem = { ...problem, ...(await response.json()) };
  } catch {
    // not JSON: the status says enough
  }
  throw new ApiError(response.status, problem, response.headers.get('Retry-After'));
}

export async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (options.ifMatch != null) headers['If-Match'] = `"${options.ifMatch}"`;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = options.mergePatch ? 'application/merge-patch+json' : 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: options.revalidate ? 'no-cache' : 'default' });
  if (!response.ok) return fail(response);
  const data = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  return { data, version: versionOf(response) };
}

export const get = <T>(path: string, options: CallOptions = {}) => call<T>('GET', path, options).then((a) => a.data);

/** A query string from the filled-in values only. */
export function query(values: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A multipart upload with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('X-CSRF-Token', csrfToken);
    request.setRequestHeader('Accept', 'application/json');
    request.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    request.onload = () => {
      let parsed: unknown = {};
      try {
        parsed = JSON.parse(request.responseText);
      } catch {
        // an empty or non-JSON answer
      }
      if (request.status >= 200 && request.status < 300) resolve(parsed as T);
      else reject(new ApiError(request.status, { status: request.status, ...(parsed as object) }, request.getResponseHeader('Retry-After')));
    };
    request.onerror = () => reject(new ApiError(0, { status: 0, title: 'The service cannot be reached.' }, null));
    request.send(form);
  });
}

export interface Edition {
  code: string;
  name: string;
  direction: 'ltr' | 'rtl';
  locale: string;
  isDefault: boolean;
  timeZone: string;
  calendar: 'gregorian' | 'persian';
}

export interface Account {
  id: number;
  email: string;
  displayName: string;
  role: string;
  editions: string[] | null;
  createdAt: string;
  lastSignInAt: string | null;
  disabled: boolean;
}

export interface Session {
  account: Account;
  csrfToken: string;
}

export type Status = 'draft' | 'scheduled' | 'published' | 'trashed';
export type Kind = 'post' | 'page';

export interface PostSummary {
  id: number;
  kind: Kind;
  edition: string;
  slug: string;
  status: Status;
  publishedAt: string | null;
  title: string;
  author: string | null;
  tags: string[];
  translationKey: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Post extends PostSummary {
  excerpt: string;
  bodyHtml: string;
  byline: string | null;
  featuredMediaId: number | null;
}

export interface PageInfo {
  number: number | null;
  size: number;
  totalItems: number | null;
  totalPages: number | null;
}

export interface ListOf<T> {
  items: T[];
  page?: PageInfo;
}

export interface MediaText {
  title: string | null;
  alt: string | null;
  caption: string | null;
}

export interface Rendition {
  width: number;
  height: number;
  type: string;
  url: string;
}

export interface Media {
  id: number;
  kind: 'image' | 'video' | 'audio' | 'document';
  collection: string | null;
  contentType: string | null;
  width: number | null;
  height: number | null;
  translations: Record<string, MediaText>;
  url: string | null;
  renditions: Rendition[];
  version: number;
}

/** The smallest rendition, for a thumbnail. */
export const thumbnailOf = (media: Media) => media.renditions.find((r) => r.width <= 320)?.url ?? media.url ?? undefined;

export interface MediaCollection {
  slug: string;
  name: string;
}

/** A gallery as editors see it: its title in each edition and its media ids in order. */
export interface Gallery {
  id: number;
  slug: string;
  titles: Record<string, string>;
  mediaIds: number[];
  version: number;
}
