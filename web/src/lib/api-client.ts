import type { ApiError as ApiErrorBody } from '@jinguo/common/errors.ts';

/** An error answered by the API (or a network failure), with the server's Chinese message and field problems. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: NonNullable<ApiErrorBody['fields']>;
  readonly details: ApiErrorBody['details'];

  constructor(status: number, body: Omit<Partial<ApiErrorBody>, 'code'> & { code: string; message: string }) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? [];
    this.details = body.details;
  }
}

export type UnauthenticatedReason = 'expired' | 'signed_out';
type QueryValue = string | number | boolean | null | undefined;

const REQUEST_TIMEOUT_MS = 30_000;
const PUBLIC_WRITES = ['/api/auth/login'];
const UPLOAD_TIMEOUT_MS = 180_000;

let csrfToken: string | null = null;
let hadSession = false;
let unauthenticatedHandler: (reason: UnauthenticatedReason) => void = () => {};

/** called with each /api/auth/me answer: the token is sent on every write */
export function rememberSession(token: string | null): void {
  csrfToken = token;
  if (token) hadSession = true;
}

/** after signing out: a later 401 is not a timeout */
export function forgetSession(): void {
  csrfToken = null;
  hadSession = false;
}

export function onUnauthenticated(handler: (reason: UnauthenticatedReason) => void): void {
  unauthenticatedHandler = handler;
}

export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function networkError(aborted: boolean): ApiError {
  return new ApiError(0, {
    code: aborted ? 'TIMEOUT' : 'NETWORK',
    message: aborted ? '网络较慢，请求超时，请稍后重试' : '网络连接失败，请检查网络后重试',
  });
}

async function readError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ApiErrorBody>;
    if (body && typeof body.code === 'string' && typeof body.message === 'string') {
      return new ApiError(res.status, body as ApiErrorBody);
    }
  } catch {
    // not JSON: a proxy or the static server answered
  }
  const message = res.status >= 500 ? '服务暂时不可用，请稍后再试' : `请求失败（${res.status}）`;
  return new ApiError(res.status, { code: res.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'BAD_REQUEST', message });
}

function handleUnauthenticated(path: string, error: ApiError): void {
  if (error.status !== 401 || path.startsWith('/api/auth/login')) return;
  const reason: UnauthenticatedReason = error.code === 'SESSION_EXPIRED' || hadSession ? 'expired' : 'signed_out';
  csrfToken = null;
  hadSession = false;
  unauthenticatedHandler(reason);
}

async function fetchWithTimeout(path: string, init: RequestInit, outer?: AbortSignal): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  const abortFromOuter = () => controller.abort();
  outer?.addEventListener('abort', abortFromOuter);
  try {
    return await fetch(path, { ...init, credentials: 'same-origin', signal: controller.signal });
  } catch (err) {
    if (outer?.aborted) throw err;
    throw networkError(controller.signal.aborted);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', abortFromOuter);
  }
}

async function loadCsrfToken(): Promise<string> {
  const res = await fetchWithTimeout('/api/auth/me', { headers: { accept: 'application/json' } });
  if (!res.ok) {
    const error = await readError(res);
    handleUnauthenticated('/api/auth/me', error);
    throw error;
  }
  const me = (await res.json()) as { csrfToken: string };
  rememberSession(me.csrfToken);
  return me.csrfToken;
}

type RequestOptions = { method: string; body?: unknown; signal?: AbortSignal };

async function send(path: string, { method, body, signal }: RequestOptions, retried = false): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const isWrite = method !== 'GET';
  // signing in needs no token (and there is no session to ask for one yet)
  if (isWrite && !PUBLIC_WRITES.includes(path)) headers['x-csrf-token'] = csrfToken ?? (await loadCsrfToken());
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetchWithTimeout(
    path,
    { method, headers, body: body === undefined ? undefined : JSON.stringify(body) },
    signal,
  );
  if (res.ok) return res;
  const error = await readError(res);
  if (isWrite && error.code === 'CSRF_FAILED' && !retried) {
    csrfToken = null;
    return send(path, { method, body, signal }, true);
  }
  handleUnauthenticated(path, error);
  throw error;
}

async function sendJson<T>(path: string, options: RequestOptions): Promise<T> {
  const res = await send(path, options);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export function apiGet<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
  return sendJson<T>(withQuery(path, query), { method: 'GET', signal });
}

export function apiPost<T>(path: string, body?: unknown): Promise<T> {
  return sendJson<T>(path, { method: 'POST', body: body ?? {} });
}

export function apiPatch<T>(path: string, body: unknown): Promise<T> {
  return sendJson<T>(path, { method: 'PATCH', body });
}

export function apiDelete<T>(path: string): Promise<T> {
  return sendJson<T>(path, { method: 'DELETE' });
}

/** multipart upload of one file field "file"; XHR because fetch cannot report upload progress */
export async function apiUpload<T>(path: string, file: Blob, fileName: string, onProgress?: (percent: number) => void): Promise<T> {
  const token = csrfToken ?? (await loadCsrfToken());
  const form = new FormData();
  form.append('file', file, fileName);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = false;
    xhr.timeout = UPLOAD_TIMEOUT_MS;
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(networkError(false));
    xhr.ontimeout = () => reject(networkError(true));
    xhr.onload = () => {
      const res = new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': 'application/json' } });
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(JSON.parse(xhr.responseText) as T);
        return;
      }
      void readError(res).then((error) => {
        handleUnauthenticated(path, error);
        reject(error);
      });
    };
    xhr.send(form);
  });
}
