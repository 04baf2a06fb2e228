import type { App } from '../../http/types.ts';

/**
 * The operations of the OpenAPI document (generated from the routes' zod schemas), in a shape the general
 * tests walk: path, query and body schemas per operation. Only the JSON-schema features the zod → OpenAPI
 * transform emits are modelled.
 */
export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  nullable?: boolean;
};

export type Param = { name: string; required: boolean; schema: JsonSchema };

export type Operation = {
  /** "POST /api/orgs/{id}/close" */
  key: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** OpenAPI form: /api/orgs/{id} */
  path: string;
  pathParams: Param[];
  queryParams: Param[];
  /** JSON body schema, when the operation declares one */
  body: JsonSchema | null;
  /** content types the request body is declared with */
  bodyTypes: string[];
  isWrite: boolean;
};

type RawParam = { in: string; name: string; required?: boolean; schema?: JsonSchema };
type RawOperation = {
  parameters?: RawParam[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

async function fetchOpenApi(app: App): Promise<{ paths: Record<string, Record<string, RawOperation>> }> {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json → ${res.statusCode}`);
  return res.json();
}

export async function loadOperations(app: App): Promise<Operation[]> {
  const doc = await fetchOpenApi(app);
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [m, raw] of Object.entries(methods)) {
      const method = m.toUpperCase() as Operation['method'];
      if (!['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(method)) continue;
      const params = raw.parameters ?? [];
      const toParam = (p: RawParam): Param => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} });
      const content = raw.requestBody?.content ?? {};
      ops.push({
        key: `${method} ${path}`,
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path').map(toParam),
        queryParams: params.filter((p) => p.in === 'query').map(toParam),
        body: content['application/json']?.schema ?? null,
        bodyTypes: Object.keys(content),
        isWrite: method !== 'GET',
      });
    }
  }
  return ops.sort((a, b) => a.key.localeCompare(b.key));
}

/** /api/orgs/{id}/children + {id: 'x'} → /api/orgs/x/children (values URL-encoded) */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for path parameter ${name} of ${path}`);
    return encodeURIComponent(v);
  });
}

export function withQuery(url: string, query: Record<string, string | string[]>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of Array.isArray(v) ? v : [v]) qs.append(k, one);
  const s = qs.toString();
  return s ? `${url}?${s}` : url;
}

/** the resource a path parameter points at: {id} of /api/persons/{id}/positions → persons; {attachmentId} → attachments */
export function resourceOfParam(path: string, param: string): string {
  const segments = path.split('/');
  const at = segments.indexOf(`{${param}}`);
  if (param.endsWith('Id') && param !== 'id') return `${param.slice(0, -2)}s`;
  return segments[at - 1] ?? '';
}

/** the non-null branches of a schema (anyOf [x, null] → [x]) and whether null is allowed */
export function branches(schema: JsonSchema): { options: JsonSchema[]; nullable: boolean } {
  const list = schema.anyOf ?? schema.oneOf;
  if (list) {
    const options = list.filter((s) => s.type !== 'null');
    return { options, nullable: options.length < list.length || schema.nullable === true };
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== 'null');
    return { options: types.map((t) => ({ ...schema, type: t })), nullable: types.length < schema.type.length };
  }
  return { options: [schema], nullable: schema.nullable === true || schema.type === 'null' };
}
