import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorCodes, type ApiError } from '@jinguo/common/errors.ts';
import { isLostServer } from '../db/connection-errors.ts';
import { AppError } from './app-error.ts';

const partLabels: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

function send(status: number, body: ApiError) {
  return { status, body };
}

/** PostgreSQL errors that stem from input rather than from us */
function mapDatabaseError(err: { code?: string; constraint?: string }) {
  switch (err.code) {
    case '23505':
      return new AppError('DUPLICATE');
    case '23503':
      return new AppError('VALIDATION_FAILED', { message: '引用的记录不存在' });
    case '23514':
    case '22021':
    case '22P05':
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new AppError('VALIDATION_FAILED');
    case '40001':
    case '40P01':
      return new AppError('CONFLICT');
    default:
      // besides a lost server: class 53 "insufficient resources" (too many connections), 57014 a query cancelled
      // (timeout), 25006 a read-only server (DATABASE_URL still names a demoted primary after a failover)
      if (isLostServer(err) || /^(53|57014$|25006$)/.test(err.code ?? '')) return new AppError('SERVICE_UNAVAILABLE');
      // class 22 is "data exception": a value the input carried that PostgreSQL cannot take
      return err.code?.startsWith('22') ? new AppError('VALIDATION_FAILED') : null;
  }
}

export function toHttpError(err: unknown): { status: number; body: ApiError } {
  if (err instanceof AppError) {
    return send(err.status, { code: err.code, message: err.message, fields: err.fields, details: err.details });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = err.validation.map((v) => {
      const part = (err.validationContext ?? 'body') as string;
      const pathParts = v.instancePath.split('/').filter(Boolean);
      const keys = (v.params as { keys?: string[] }).keys ?? [];
      if (v.keyword === 'unrecognized_keys' && keys.length) {
        return { path: [part, ...pathParts, keys[0]].join('.'), message: `不允许的字段：${keys.join('、')}` };
      }
      return { path: [part, ...pathParts].join('.'), message: v.message ?? '格式不正确' };
    });
    const first = fields[0];
    const where = first ? `${partLabels[first.path.split('.')[0]] ?? ''}字段 ${first.path.split('.').slice(1).join('.') || '（整体）'}` : '';
    return send(400, {
      code: 'VALIDATION_FAILED',
      message: first ? `${where}：${first.message}` : errorCodes.VALIDATION_FAILED.message,
      fields,
    });
  }
  const fe = err as FastifyError & { code?: string };
  const mapped = mapDatabaseError(fe);
  if (mapped) return toHttpError(mapped);
  if (isLostServer(err)) return toHttpError(new AppError('SERVICE_UNAVAILABLE'));
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (fe.statusCode === 400 && fe instanceof SyntaxError)) {
    return send(400, { code: 'BAD_REQUEST', message: '请求体不是有效的 JSON' });
  }
  if (fe.code === 'FST_ERR_MAX_PARAM_LENGTH') return send(400, { code: 'BAD_REQUEST', message: '路径参数过长' });
  if (fe.code === 'FST_ERR_BAD_URL') return send(400, { code: 'BAD_REQUEST', message: '网址格式不正确' });
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(415, { code: 'FILE_TYPE', message: '不支持的内容类型' });
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE') {
    return send(413, { code: 'FILE_TOO_LARGE', message: errorCodes.FILE_TOO_LARGE.message });
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return send(fe.statusCode, { code: 'BAD_REQUEST', message: `请求有误（${fe.code ?? fe.statusCode}）` });
  }
  return send(500, { code: 'INTERNAL', message: errorCodes.INTERNAL.message });
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toHttpError(err);
    if (status === 503) {
      req.log.warn({ err }, 'database unavailable');
      reply.header('retry-after', '5');
    } else if (status >= 500) {
      req.log.error({ err, serialization: isResponseSerializationError(err) }, 'request failed');
    }
    reply.status(status).send(body);
  });
}

/**
 * Unknown API paths and missing files answer 404 in JSON; with the web app served, any other GET is a client-side
 * route and gets the app shell. A missing /assets/ file stays a 404, so a browser holding an old page gets a clean
 * error instead of HTML for a script.
 */
export function registerNotFoundHandler(app: FastifyInstance, opts: { spaShell: boolean }) {
  app.setNotFoundHandler((req, reply) => {
    const urlPath = req.url.split('?')[0];
    if (opts.spaShell && (req.method === 'GET' || req.method === 'HEAD') && !urlPath.startsWith('/api/') && !urlPath.startsWith('/assets/')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send({ code: 'NOT_FOUND', message: `找不到 ${req.method} ${urlPath}` } satisfies ApiError);
  });
}
