import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { multipartFile, TINY_PNG } from './entity-fixtures.ts';
import { accepts, acceptsWireString, randomId, validValue, type ValueContext } from './json-schema-values.ts';
import { branches, type JsonSchema, type Operation, type Param } from './openapi-walker.ts';
import { isMultipart, toRequest, validParts, type RequestParts } from './valid-requests.ts';

/**
 * Requests an endpoint must refuse, derived from its OpenAPI schemas: a valid request is built first (fixture
 * ids, values the schema accepts), then one thing at a time is broken. Every value meant to break the schema
 * is checked against the schema before it is used, so a case is never "bad" only in the generator's mind.
 *  - schema: refused by validation → 400 naming the field (when `field` is set)
 *  - content: the body is not a JSON object of the right type → 4xx
 *  - reference: a well-formed id or code that names nothing → 4xx, nothing written
 *  - path-not-found: a well-formed path id that names nothing → 404
 *  - semantic: passes the JSON schema but cannot be stored as is (blank text, NUL) → never 5xx
 */
export type CaseKind = 'schema' | 'content' | 'reference' | 'path-not-found' | 'semantic';
export type BadCase = {
  kind: CaseKind;
  label: string;
  /** the field the error must name */
  field?: string;
  /** exact status expected */
  status?: number;
  /** a 2xx answer is acceptable (semantic cases only) */
  mayAccept?: boolean;
  request: InjectOptions;
};

const SQL_PAYLOAD = "'; drop table orgs; --";
const SCRIPT_PAYLOAD = '<script>alert(1)</script>';
const LONG = 'x'.repeat(10_000);

export type CaseOptions = { ctx: ValueContext; pathValues: Record<string, string>; seed: number; randomRuns: number };

/** refused both as sent and after trimming (most text fields trim before checking length) */
function clearlyRefused(schema: JsonSchema, v: unknown): boolean {
  const wire = v === undefined ? v : JSON.parse(JSON.stringify(v));
  return !accepts(schema, wire) && (typeof wire !== 'string' || !accepts(schema, wire.trim()));
}

const isFreeText = (s: JsonSchema) =>
  branches(s).options.some((o) => o.type === 'string' && !o.pattern && !o.format && !o.enum);
const isDate = (s: JsonSchema) => branches(s).options.some((o) => o.format === 'date');
/** valid dates far from today: never a 5xx (whether a record may carry one is the module's rule) */
const EDGE_DAYS = ['0001-01-01', '9999-12-31', '1900-02-28'];
const isIdLike = (s: JsonSchema) => branches(s).options.some((o) => o.format === 'uuid');
const isIdArray = (s: JsonSchema) => branches(s).options.some((o) => o.type === 'array' && o.items?.format === 'uuid');
const isCodeLike = (name: string, s: JsonSchema) =>
  /code$/i.test(name) && branches(s).options.some((o) => o.type === 'string' && Boolean(o.pattern));

/** values that break a property, each checked against its schema */
function brokenValues(name: string, schema: JsonSchema): { value: unknown; label: string }[] {
  const out: { value: unknown; label: string }[] = [];
  const add = (value: unknown, label: string) => {
    if (clearlyRefused(schema, value)) out.push({ value, label });
  };
  for (const o of branches(schema).options) {
    if (o.type === 'string' || o.enum) {
      add(12345, 'number for text');
      add(LONG, '10,000 characters');
      if (o.maxLength !== undefined) {
        add(SQL_PAYLOAD.padEnd(o.maxLength + 1, '-'), 'SQL payload over the length limit');
        add(`${SCRIPT_PAYLOAD}${'长'.repeat(o.maxLength + 1)}`, 'script payload over the length limit');
      }
      add(SQL_PAYLOAD, 'SQL payload');
      add(SCRIPT_PAYLOAD, 'script payload');
      add('不存在的选项', 'value outside the choices');
    }
    if (o.type === 'integer' || o.type === 'number') {
      add('12', 'number as text');
      if (o.minimum !== undefined) add(o.minimum - 1, 'below the minimum');
      if (o.maximum !== undefined) add(o.maximum + 1, 'above the maximum');
      add(1.5, 'fraction for an integer');
      add(1e308, 'huge number');
      add(-1e308, 'huge negative number');
    }
    if (o.type === 'boolean') add('true', 'boolean as text');
    if (o.type === 'array') {
      add('a', 'text for a list');
      add([{}], 'object in a list');
      if (o.maxItems !== undefined) add(Array.from({ length: o.maxItems + 1 }, (_, i) => (o.items?.format === 'uuid' ? randomId() : `a${i}`)), 'too many items');
    }
    if (o.type === 'object') add('a', 'text for an object');
  }
  add(null, 'null');
  add({ nested: SQL_PAYLOAD }, 'object');
  add([SQL_PAYLOAD], 'list');
  add(true, 'boolean');
  return out;
}

function bodyCases(op: Operation, base: RequestParts): BadCase[] {
  const body = op.body;
  if (!body || !body.properties) return [];
  const baseBody = (base.body ?? {}) as Record<string, unknown>;
  const cases: BadCase[] = [];
  const withBody = (b: unknown) => toRequest(op, { ...base, body: b });
  for (const [name, schema] of Object.entries(body.properties)) {
    for (const { value, label } of brokenValues(name, schema)) {
      cases.push({ kind: 'schema', label: `body.${name}: ${label}`, field: name, status: 400, request: withBody({ ...baseBody, [name]: value }) });
    }
    if ((body.required ?? []).includes(name)) {
      const { [name]: _dropped, ...rest } = baseBody;
      cases.push({ kind: 'schema', label: `body.${name}: missing`, field: name, status: 400, request: withBody(rest) });
    }
    const min = branches(schema).options.find((x) => x.type === 'string')?.minLength ?? 0;
    if (min >= 1) {
      cases.push({ kind: 'semantic', label: `body.${name}: blank`, request: withBody({ ...baseBody, [name]: '   ' }) });
      if (clearlyRefused(schema, '')) cases.push({ kind: 'schema', label: `body.${name}: empty`, field: name, status: 400, request: withBody({ ...baseBody, [name]: '' }) });
    }
    if (isFreeText(schema)) cases.push({ kind: 'semantic', label: `body.${name}: NUL character`, mayAccept: true, request: withBody({ ...baseBody, [name]: '甲\u0000乙' }) });
    for (const day of isDate(schema) ? EDGE_DAYS : []) {
      cases.push({ kind: 'semantic', label: `body.${name}: edge date ${day}`, mayAccept: true, request: withBody({ ...baseBody, [name]: day }) });
    }
    if (isIdLike(schema)) cases.push({ kind: 'reference', label: `body.${name}: id that does not exist`, request: withBody({ ...baseBody, [name]: randomId() }) });
    if (isIdArray(schema)) cases.push({ kind: 'reference', label: `body.${name}: list with an id that does not exist`, request: withBody({ ...baseBody, [name]: [randomId()] }) });
    if (isCodeLike(name, schema)) cases.push({ kind: 'reference', label: `body.${name}: code that does not exist`, request: withBody({ ...baseBody, [name]: 'no_such_code_zz' }) });
  }
  cases.push({ kind: 'schema', label: 'body: unknown field', field: 'unknownField', status: 400, request: withBody({ ...baseBody, unknownField: 'x' }) });
  cases.push({ kind: 'schema', label: 'body: field named constructor', field: 'constructor', status: 400, request: withBody({ ...baseBody, constructor: 'x' }) });
  return cases;
}

function contentCases(op: Operation, base: RequestParts): BadCase[] {
  const raw = (payload: string | Buffer, type: string, label: string, status?: number): BadCase => ({
    kind: 'content',
    label,
    status,
    request: toRequest(op, { ...base, raw: { payload, headers: { 'content-type': type } } }),
  });
  const json = 'application/json';
  if (!op.body && !isMultipart(op)) return [];
  const cases = [raw('not json{', json, 'body: not JSON', 400)];
  if (isMultipart(op)) {
    const text = multipartFile({ fileName: 'photo.png', mimeType: 'image/png', data: Buffer.from('这不是图片，只是文字。') });
    const noFile = multipartFile({ fileName: 'a.txt', mimeType: 'text/plain', data: Buffer.from('x'), field: 'note' });
    const huge = multipartFile({ fileName: 'big.png', mimeType: 'image/png', data: Buffer.concat([TINY_PNG, Buffer.alloc(10 * 1024 * 1024 + 1)]) });
    const exe = multipartFile({ fileName: 'photo.jpg', mimeType: 'image/jpeg', data: Buffer.from('MZ\x90\x00\x03\x00\x00\x00') });
    cases.push(
      { kind: 'content', label: 'multipart: text file named .png', request: toRequest(op, { ...base, raw: text }) },
      { kind: 'content', label: 'multipart: no file field', request: toRequest(op, { ...base, raw: noFile }) },
      { kind: 'content', label: 'multipart: executable named .jpg', request: toRequest(op, { ...base, raw: exe }) },
      { kind: 'content', label: 'multipart: file over 10 MB', status: 413, request: toRequest(op, { ...base, raw: huge }) },
      raw(JSON.stringify({ file: 'x' }), json, 'JSON instead of a file'),
    );
    return cases;
  }
  cases.push(
    raw('[]', json, 'body: empty JSON array', 400),
    raw(JSON.stringify([base.body]), json, 'body: JSON array of a valid body', 400),
    raw('"文字"', json, 'body: JSON string', 400),
    raw('42', json, 'body: JSON number', 400),
    raw('null', json, 'body: JSON null', 400),
    raw('', json, 'body: empty', 400),
    raw('{"__proto__": {"admin": true}}', json, 'body: __proto__ key', 400),
    raw('{"constructor": {"prototype": {"admin": true}}}', json, 'body: constructor.prototype key', 400),
    raw(`${'['.repeat(300_000)}${']'.repeat(300_000)}`, json, 'body: JSON nested 300,000 deep'),
    raw('name=x', 'application/x-www-form-urlencoded', 'body: form encoded', 415),
    raw(JSON.stringify(base.body), 'text/plain', 'body: text/plain'),
    raw(JSON.stringify({ ...(base.body as object), pad: 'x'.repeat(1_100_000) }), json, 'body: over 1 MB', 413),
  );
  return cases;
}

function wireCandidates(p: Param): string[] {
  return ['abc', '1.5', '-1', '0', '', '99999999999', SQL_PAYLOAD, SCRIPT_PAYLOAD, LONG, 'not-a-uuid', '2025-02-30', '2025/01/01', 'ABC', 'maybe']
    .concat(p.schema.maximum !== undefined ? [String(p.schema.maximum + 1)] : [])
    .filter((v) => !acceptsWireString(p.schema, v) && !acceptsWireString(p.schema, v.trim()));
}

function queryCases(op: Operation, base: RequestParts, o: CaseOptions): BadCase[] {
  if (op.queryParams.length === 0) return [];
  const cases: BadCase[] = [];
  const withQ = (q: Record<string, string | string[]>) => toRequest(op, { ...base, query: q });
  cases.push({ kind: 'schema', label: 'query: unknown parameter', status: 400, field: 'zzz', request: withQ({ ...base.query, zzz: '1' }) });
  cases.push({ kind: 'schema', label: 'query: __proto__ parameter', status: 400, request: withQ({ ...base.query, __proto__: '1', constructor: 'x' }) });
  for (const p of op.queryParams) {
    for (const v of wireCandidates(p)) {
      cases.push({ kind: 'schema', label: `query.${p.name}=${v.slice(0, 30)}`, field: p.name, status: 400, request: withQ({ ...base.query, [p.name]: v }) });
    }
    const valid = String(validValue(p.schema, p.name, o.ctx));
    cases.push({ kind: 'schema', label: `query.${p.name} repeated`, field: p.name, status: 400, request: withQ({ ...base.query, [p.name]: [valid, valid] }) });
    if (p.required) {
      const { [p.name]: _dropped, ...rest } = base.query;
      cases.push({ kind: 'schema', label: `query.${p.name} missing`, field: p.name, status: 400, request: withQ(rest) });
    }
    for (const day of isDate(p.schema) ? EDGE_DAYS : []) {
      cases.push({ kind: 'semantic', label: `query.${p.name}: edge date ${day}`, mayAccept: true, request: withQ({ ...base.query, [p.name]: day }) });
    }
    if (isIdLike(p.schema)) cases.push({ kind: 'reference', label: `query.${p.name}: id that does not exist`, request: withQ({ ...base.query, [p.name]: randomId() }) });
    // a filter by a code that names nothing may answer with an empty list
    if (isCodeLike(p.name, p.schema)) cases.push({ kind: 'reference', label: `query.${p.name}: code that does not exist`, mayAccept: true, request: withQ({ ...base.query, [p.name]: 'no_such_code_zz' }) });
  }
  return cases;
}

function pathCases(op: Operation, base: RequestParts): BadCase[] {
  const cases: BadCase[] = [];
  for (const p of op.pathParams) {
    for (const v of ['abc', '12345', SQL_PAYLOAD, SCRIPT_PAYLOAD, 'ABC-def', '1 or 1=1', 'x'.repeat(2000)]) {
      if (acceptsWireString(p.schema, v)) continue;
      // the router refuses an over-long segment before it knows which parameter it is: no field to name
      const field = v.length > 100 ? undefined : p.name;
      cases.push({ kind: 'schema', label: `path ${p.name}=${v.slice(0, 30)}`, field, status: 400, request: toRequest(op, { ...base, path: { ...base.path, [p.name]: v } }) });
    }
    const missing = isIdLike(p.schema) ? randomId() : 'no_such_code_zz';
    if (acceptsWireString(p.schema, missing)) {
      cases.push({ kind: 'path-not-found', label: `path ${p.name}: does not exist`, status: 404, request: toRequest(op, { ...base, path: { ...base.path, [p.name]: missing } }) });
    }
  }
  return cases;
}

/** random breakage from fast-check: JSON values for body fields, strings for query and path values */
function randomCases(op: Operation, base: RequestParts, o: CaseOptions): BadCase[] {
  const arbs: fc.Arbitrary<BadCase>[] = [];
  const props = Object.entries(op.body?.properties ?? {});
  if (props.length > 0 && !isMultipart(op)) {
    arbs.push(
      fc
        .tuple(fc.constantFrom(...props), fc.jsonValue({ maxDepth: 2 }))
        .filter(([[, s], v]) => clearlyRefused(s, v))
        .map(([[name], v]) => ({
          kind: 'schema' as const,
          label: `random body.${name}=${JSON.stringify(v).slice(0, 40)}`,
          field: name,
          status: 400,
          request: toRequest(op, { ...base, body: { ...(base.body as object), [name]: v } }),
        })),
    );
  }
  if (op.queryParams.length > 0) {
    arbs.push(
      fc
        .tuple(fc.constantFrom(...op.queryParams), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }))
        .filter(([p, v]) => !acceptsWireString(p.schema, v) && !acceptsWireString(p.schema, v.trim()))
        .map(([p, v]) => ({
          kind: 'schema' as const,
          label: `random query.${p.name}=${JSON.stringify(v).slice(0, 40)}`,
          field: p.name,
          request: toRequest(op, { ...base, query: { ...base.query, [p.name]: v } }),
        })),
    );
  }
  if (op.pathParams.length > 0) {
    arbs.push(
      fc
        .tuple(fc.constantFrom(...op.pathParams), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }))
        .filter(([p, v]) => !acceptsWireString(p.schema, v) && v.trim() !== '' && !['.', '..'].includes(v))
        .map(([p, v]) => ({
          kind: 'schema' as const,
          label: `random path ${p.name}=${JSON.stringify(v).slice(0, 40)}`,
          request: toRequest(op, { ...base, path: { ...base.path, [p.name]: v } }),
        })),
    );
  }
  if (arbs.length === 0) return [];
  return fc.sample(fc.oneof(...arbs), { seed: o.seed, numRuns: o.randomRuns });
}

export function buildCases(op: Operation, o: CaseOptions): BadCase[] {
  const base = validParts(op, o);
  return [...pathCases(op, base), ...queryCases(op, base, o), ...bodyCases(op, base), ...contentCases(op, base), ...randomCases(op, base, o)];
}

