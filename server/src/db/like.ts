/** a LIKE/ILIKE pattern matching `text` anywhere, with LIKE's wildcards escaped so that a typed % or _ matches itself */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
