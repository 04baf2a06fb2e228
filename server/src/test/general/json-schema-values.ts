import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { branches, type JsonSchema } from './openapi-walker.ts';

/**
 * Values from the OpenAPI JSON schemas: a valid value to start from, and a judge of whether a value breaks
 * the schema — so every generated "bad" value is checked to be bad before it is sent.
 */

/** ids and codes by property name (fixtures), so valid values point at real rows */
export type ValueContext = { known: (name: string) => string | undefined };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function isValidDate(v: string): boolean {
  if (!DATE_RE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** names whose valid value the pattern alone does not give (refinements are not in the JSON schema) */
const valuesByName: Record<string, unknown> = {
  period: '2026',
  startDate: '2025-01-01',
  endDate: '2025-06-30',
  date: '2026-01-10',
  from: '2026-01-01',
  to: '2026-02-01',
  password: 'Valid-Pass-2026!',
  newPassword: 'Valid-Pass-2026!',
  oldPassword: 'Valid-Pass-2026!',
  phone: '13900139000',
  idNumber: '11010519491231002X',
  username: 'new_user_01',
  /** a position role no fixture holds, so a new position does not overlap the fixture's */
  role: 'volunteer',
};

function validString(schema: JsonSchema, name: string): string {
  if (schema.format === 'uuid') return uuidv7();
  if (schema.format === 'date') return '2026-01-10';
  if (schema.pattern) {
    const re = new RegExp(schema.pattern);
    const [sample] = fc.sample(fc.stringMatching(re), { seed: name.length + 7, numRuns: 1 });
    return sample ?? '';
  }
  const min = schema.minLength ?? 1;
  const max = schema.maxLength ?? 20;
  const text = `测试${name}`.replace(/[^\u4e00-\u9fa5a-zA-Z]/g, '');
  return text.padEnd(min, '字').slice(0, Math.max(min, Math.min(max, text.length)));
}

function validNumber(schema: JsonSchema): number {
  const exMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : undefined;
  const low = schema.minimum ?? exMin ?? 0;
  const exMax = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - 1 : undefined;
  const high = schema.maximum ?? exMax ?? low + 10;
  return Math.min(Math.max(low, 1), high);
}

/** a value the schema accepts; for objects only the required properties */
export function validValue(schema: JsonSchema, name: string, ctx: ValueContext): unknown {
  const known = ctx.known(name);
  const named = known ?? valuesByName[name];
  if (named !== undefined && accepts(schema, named)) return named;
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  const { options, nullable } = branches(schema);
  const s = options[0];
  if (!s) return nullable ? null : undefined;
  if (s.enum) return s.enum[0];
  if (s.const !== undefined) return s.const;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return validString(s, name);
    case 'integer':
    case 'number':
      return validNumber(s);
    case 'boolean':
      return false;
    case 'array': {
      const itemName = name.endsWith('s') ? name.slice(0, -1) : name;
      return Array.from({ length: s.minItems ?? 0 }, () => validValue(s.items ?? {}, itemName, ctx));
    }
    case 'object':
    default:
      return Object.fromEntries((s.required ?? []).map((p) => [p, validValue(s.properties?.[p] ?? {}, p, ctx)]));
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function acceptsString(s: JsonSchema, v: string): boolean {
  if (s.minLength !== undefined && v.length < s.minLength) return false;
  if (s.maxLength !== undefined && v.length > s.maxLength) return false;
  if (s.pattern && !new RegExp(s.pattern).test(v)) return false;
  if (s.format === 'uuid' && !UUID_RE.test(v) && v !== '00000000-0000-0000-0000-000000000000') return false;
  if (s.format === 'date' && !isValidDate(v)) return false;
  return true;
}

function acceptsNumber(s: JsonSchema, v: number, integer: boolean): boolean {
  if (!Number.isFinite(v) || (integer && !Number.isInteger(v))) return false;
  if (s.minimum !== undefined && v < s.minimum) return false;
  if (s.maximum !== undefined && v > s.maximum) return false;
  if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) return false;
  if (typeof s.exclusiveMaximum === 'number' && v >= s.exclusiveMaximum) return false;
  return true;
}

/** whether a JSON value satisfies the schema (the subset the zod transform emits) */
export function accepts(schema: JsonSchema, v: unknown): boolean {
  if (schema.anyOf) return schema.anyOf.some((s) => accepts(s, v));
  if (schema.oneOf) return schema.oneOf.some((s) => accepts(s, v));
  if (schema.allOf) return schema.allOf.every((s) => accepts(s, v));
  const types = schema.type === undefined ? null : Array.isArray(schema.type) ? schema.type : [schema.type];
  // OpenAPI 3.0: nullable allows null whatever the enum says
  if (v === null && (schema.nullable === true || types?.includes('null'))) return true;
  if (schema.const !== undefined) return sameValue(schema.const, v);
  if (schema.enum) return schema.enum.some((e) => sameValue(e, v));
  if (v === null) return false;
  if (!types) return true;
  return types.some((t) => {
    switch (t) {
      case 'string':
        return typeof v === 'string' && acceptsString(schema, v);
      case 'integer':
      case 'number':
        return typeof v === 'number' && acceptsNumber(schema, v, t === 'integer');
      case 'boolean':
        return typeof v === 'boolean';
      case 'array':
        return (
          Array.isArray(v) &&
          (schema.minItems === undefined || v.length >= schema.minItems) &&
          (schema.maxItems === undefined || v.length <= schema.maxItems) &&
          v.every((x) => accepts(schema.items ?? {}, x))
        );
      case 'object': {
        if (typeof v !== 'object' || Array.isArray(v)) return false;
        const o = v as Record<string, unknown>;
        if ((schema.required ?? []).some((k) => !(k in o))) return false;
        return Object.entries(o).every(([k, x]) => {
          const p = schema.properties?.[k];
          if (p) return accepts(p, x);
          if (schema.additionalProperties === false) return false;
          return typeof schema.additionalProperties === 'object' ? accepts(schema.additionalProperties, x) : true;
        });
      }
      default:
        return false;
    }
  });
}

/** a query or path value (always a string on the wire) as the coercing zod schemas see it */
export function acceptsWireString(schema: JsonSchema, v: string): boolean {
  return branches(schema).options.some((o) => {
    const type = Array.isArray(o.type) ? o.type[0] : o.type;
    if ((type === 'integer' || type === 'number') && !o.enum) return accepts(o, Number(v));
    if (type === 'boolean' && !o.enum) return v === 'true' || v === 'false';
    return accepts(o, v);
  });
}

export const randomId = () => uuidv7();
