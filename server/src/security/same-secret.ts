import crypto from 'node:crypto';

/**
 * Compares a secret sent by a client with the expected one in constant time. Compares bytes: a header with bytes
 * 0x80–0xFF decodes to as many characters as the secret but to more bytes (timingSafeEqual would throw).
 */
export function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
