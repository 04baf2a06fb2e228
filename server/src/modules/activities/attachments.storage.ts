import fs from 'node:fs';
import path from 'node:path';

/**
 * Attachment files live on disk under filesDir/<province>/<yyyy>/<uuid>; the database keeps the relative key.
 * The type is read from the file's first bytes, never from what the client claims.
 */
/** the upload limit; app.ts gives the multipart plugin the same figure */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type DetectedType = { mimeType: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf'; extension: string };

const signatures: { mimeType: DetectedType['mimeType']; extension: string; matches: (b: Buffer) => boolean }[] = [
  { mimeType: 'image/jpeg', extension: 'jpg', matches: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mimeType: 'image/png', extension: 'png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mimeType: 'image/webp', extension: 'webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { mimeType: 'application/pdf', extension: 'pdf', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

export function detectFileType(data: Buffer): DetectedType | null {
  const found = signatures.find((s) => s.matches(data));
  return found ? { mimeType: found.mimeType, extension: found.extension } : null;
}

export function storageKeyFor(provinceCode: string, year: string, id: string): string {
  return `${provinceCode}/${year}/${id}`;
}

function fullPath(filesDir: string, key: string): string {
  return path.join(filesDir, ...key.split('/'));
}

export async function writeStoredFile(filesDir: string, key: string, data: Buffer): Promise<void> {
  const file = fullPath(filesDir, key);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(file, data, { flag: 'wx' });
}

/** removes files; a file already gone is no failure */
export async function removeStoredFiles(filesDir: string, keys: string[]): Promise<void> {
  await Promise.all(keys.map((k) => fs.promises.rm(fullPath(filesDir, k), { force: true })));
}

/** a readable stream of the file and its size, or null when the file is missing */
export async function openStoredFile(filesDir: string, key: string): Promise<{ stream: fs.ReadStream; size: number } | null> {
  const file = fullPath(filesDir, key);
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat?.isFile()) return null;
  return { stream: fs.createReadStream(file), size: stat.size };
}

/** a display name without directories or control characters */
export function cleanFileName(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return cleaned || fallback;
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987) */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
