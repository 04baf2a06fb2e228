/** node-postgres reports a lost or unreachable server with these messages and no SQLSTATE */
const LOST_SERVER_MESSAGES = [
  'Connection terminated',
  'Query read timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
];
const LOST_SERVER_ERRNOS = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'];

/**
 * The database server is gone or out of reach: SQLSTATE class 08 "connection exception", 57P01–57P03 (shutting
 * down, crashed, starting), a socket error, or node-postgres's own words for a dead connection or a query left
 * unanswered past its timeout.
 */
export function isLostServer(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  if (/^(08|57P0[1-3]$)/.test(code) || LOST_SERVER_ERRNOS.includes(code)) return true;
  const message = err instanceof Error ? err.message : '';
  return LOST_SERVER_MESSAGES.some((m) => message.startsWith(m));
}
