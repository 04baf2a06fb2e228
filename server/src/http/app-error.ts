import { errorCodes, type ErrorCode } from '@jinguo/common/errors.ts';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields?: { path: string; message: string }[];
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    opts: { message?: string; fields?: { path: string; message: string }[]; details?: Record<string, unknown> } = {},
  ) {
    super(opts.message ?? errorCodes[code].message);
    this.code = code;
    this.status = errorCodes[code].status;
    this.fields = opts.fields;
    this.details = opts.details;
  }
}

/** a field-level validation failure raised by a service (e.g. a kind that does not exist) */
export function invalidField(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { message: `${message}（${path}）`, fields: [{ path, message }] });
}
