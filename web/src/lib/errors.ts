import type { FormInstance } from 'antd';
import { ApiError } from './api-client.ts';

/** the Chinese text to show for any failure */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作失败，请稍后重试';
}

/** "body.participants" or "body.kindCodes.0" → the form field name */
function fieldName(path: string): string {
  const parts = path.split('.');
  if (['body', 'query', 'params', 'querystring'].includes(parts[0] ?? '')) parts.shift();
  return parts[0] ?? '';
}

/**
 * Puts the server's field problems under the matching form fields; the form keeps what was typed.
 * `fieldOfCode` places errors that carry no field path (WEAK_PASSWORD → "password").
 * Returns the problems no field of the form could show, so the caller shows them elsewhere.
 */
export function showFieldErrors(form: FormInstance, error: unknown, fieldOfCode: Record<string, string> = {}): string[] {
  if (!(error instanceof ApiError)) return [errorText(error)];
  const codeField = fieldOfCode[error.code];
  if (error.fields.length === 0 && codeField) {
    form.setFields([{ name: codeField, errors: [error.message] }]);
    return [];
  }
  if (error.fields.length === 0) return [error.message];
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const f of error.fields) {
    const name = fieldName(f.path);
    if (name && known.has(name)) byField.set(name, [...(byField.get(name) ?? []), f.message]);
    else unplaced.push(f.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unplaced;
}
