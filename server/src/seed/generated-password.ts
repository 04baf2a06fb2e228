import crypto from 'node:crypto';
import { passwordIsStrong } from '@jinguo/common/auth.schema.ts';

// no 0/O, 1/l/I: the password is read off a console and typed on a phone
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/** a random password like 'Kp7x-m3Qa-9ZtE' that meets the password rules (about 70 bits) */
export function generateStrongPassword(): string {
  const alphabet = LOWER + UPPER + DIGITS;
  for (;;) {
    const groups = [0, 1, 2].map(() => Array.from({ length: 4 }, () => alphabet[crypto.randomInt(alphabet.length)]).join(''));
    const password = groups.join('-');
    if (passwordIsStrong(password) && /[A-Z]/.test(password) && /[a-z]/.test(password) && /\d/.test(password)) return password;
  }
}
