import type { InjectOptions } from 'fastify';
import { multipartFile, TINY_PNG } from './entity-fixtures.ts';
import { validValue, type ValueContext } from './json-schema-values.ts';
import { branches, fillPath, withQuery, type JsonSchema, type Operation } from './openapi-walker.ts';

/**
 * A request the schemas accept, built from an operation: path values given, required query parameters and
 * body properties from their schemas (ids and codes from the fixtures by name). The bad-input cases break one
 * part of it at a time; the authorization checks send it as someone who may not.
 */
export type RequestParts = {
  path: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
  raw?: { payload: string | Buffer; headers: Record<string, string> };
};

export type RequestOptions = {
  ctx: ValueContext;
  pathValues: Record<string, string>;
  /** also fill the optional query parameters and body properties that hold ids (to point them somewhere) */
  allIds?: boolean;
};

export function isMultipart(op: Operation): boolean {
  return op.bodyTypes.includes('multipart/form-data') || (op.method === 'POST' && !op.body && op.path.endsWith('/attachments'));
}

export const holdsId = (s: JsonSchema) =>
  branches(s).options.some((o) => o.format === 'uuid' || (o.type === 'array' && o.items?.format === 'uuid'));

export function validParts(op: Operation, o: RequestOptions): RequestParts {
  const query: Record<string, string> = {};
  for (const p of op.queryParams) {
    if (p.required || (o.allIds && holdsId(p.schema))) query[p.name] = String(validValue(p.schema, p.name, o.ctx));
  }
  let body = op.body ? validValue(op.body, 'body', o.ctx) : undefined;
  if (o.allIds && op.body?.properties && body && typeof body === 'object') {
    const given = body as Record<string, unknown>;
    const extra = Object.entries(op.body.properties).filter(([name, s]) => holdsId(s) && !(name in given));
    const ids = extra.map(([name, s]) => {
      const list = branches(s).options.find((x) => x.type === 'array');
      return [name, list ? [validValue(list.items ?? {}, name.replace(/s$/, ''), o.ctx)] : validValue(s, name, o.ctx)];
    });
    body = { ...given, ...Object.fromEntries(ids) };
  }
  return { path: { ...o.pathValues }, query, body };
}

export function toRequest(op: Operation, parts: RequestParts): InjectOptions {
  const url = withQuery(fillPath(op.path, parts.path), parts.query);
  if (parts.raw) return { method: op.method, url, payload: parts.raw.payload, headers: parts.raw.headers };
  if (isMultipart(op)) return { method: op.method, url, ...multipartFile({ fileName: 'photo.png', mimeType: 'image/png', data: TINY_PNG }) };
  if (parts.body === undefined) return { method: op.method, url };
  return { method: op.method, url, payload: JSON.stringify(parts.body), headers: { 'content-type': 'application/json' } };
}
