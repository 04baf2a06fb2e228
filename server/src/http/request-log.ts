import type { FastifyRequest } from 'fastify';

/**
 * Request log lines carry the path without its query string: searches by phone or ID number put the number in
 * the query (GET /api/persons?q=…), and personal data never goes to the logs.
 */
export function requestLogLine(req: FastifyRequest) {
  return { method: req.method, url: req.url.split('?')[0], reqId: req.id, remoteAddress: req.ip };
}

export function loggerOptions(level: string, stream?: { write: (line: string) => void }) {
  return {
    level,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
    serializers: { req: requestLogLine },
    ...(stream ? { stream } : {}),
  };
}
