import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Sensitive personal numbers (phone, national ID, later case details) are stored as AES-256-GCM ciphertext,
 * with a masked form for display and a keyed hash for duplicate checks. The key comes from configuration,
 * never from the database.
 */
export type PersonalDataCipher = {
  encrypt: (plain: string) => Buffer;
  decrypt: (sealed: Buffer) => string;
  /** keyed hash, so equal numbers can be found without storing them in clear */
  fingerprint: (plain: string) => string;
};

const VERSION = 1;

export function createCipher(key: Buffer): PersonalDataCipher {
  if (key.length !== 32) throw new Error('数据加密密钥须为 32 字节（base64 编码）');
  const encKey = Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'jinguo-encrypt', 32));
  const macKey = Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'jinguo-fingerprint', 32));
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, c.getAuthTag(), body]);
    },
    decrypt(sealed) {
      if (sealed[0] !== VERSION) throw new Error('unknown ciphertext version');
      const d = crypto.createDecipheriv('aes-256-gcm', encKey, sealed.subarray(1, 13));
      d.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([d.update(sealed.subarray(29)), d.final()]).toString('utf8');
    },
    fingerprint(plain) {
      return crypto.createHmac('sha256', macKey).update(plain).digest('base64url');
    },
  };
}

/** the configured key, or one kept in a key file of the data directory (created on first use) */
export function loadDataKey(opts: { configured?: string; dataDir: string }): Buffer {
  if (opts.configured) return Buffer.from(opts.configured, 'base64');
  const file = path.join(opts.dataDir, 'secrets', 'data.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export function maskIdNumber(id: string): string {
  return id.length >= 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '****';
}
