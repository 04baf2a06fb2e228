/** what this phone remembers between records: the last kind and the last few places */
const KIND_KEY = 'jinguo.quickEntry.kindCode';
const PLACES_KEY = 'jinguo.quickEntry.places';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // private mode or full storage: remembering is only a convenience
  }
}

export function rememberedKind(): string | null {
  return read(KIND_KEY);
}

export function rememberedPlaces(): string[] {
  try {
    const list = JSON.parse(read(PLACES_KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string').slice(0, 5) : [];
  } catch {
    return [];
  }
}

export function rememberEntry({ kindCode, place }: { kindCode: string; place?: string | null }): void {
  write(KIND_KEY, kindCode);
  const trimmed = place?.trim();
  if (trimmed) write(PLACES_KEY, JSON.stringify([trimmed, ...rememberedPlaces().filter((p) => p !== trimmed)].slice(0, 5)));
}
