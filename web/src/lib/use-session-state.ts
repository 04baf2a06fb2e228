import { useCallback, useState, type SetStateAction } from 'react';

function read<T>(key: string, initial: T): T {
  try {
    const stored = window.sessionStorage.getItem(key);
    return stored === null ? initial : (JSON.parse(stored) as T);
  } catch {
    return initial;
  }
}

/**
 * useState kept in the tab's sessionStorage: work in progress (a reviewed import, say) survives a reload or a
 * page that is mounted again, and goes when the tab closes. `null` removes it.
 */
export function useSessionState<T>(key: string, initial: T): [T, (next: SetStateAction<T>) => void] {
  const [value, setValue] = useState<T>(() => read(key, initial));
  const set = useCallback(
    (next: SetStateAction<T>) => {
      setValue((prev) => {
        const value = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
        try {
          if (value === null) window.sessionStorage.removeItem(key);
          else window.sessionStorage.setItem(key, JSON.stringify(value));
        } catch {
          // storage full or disabled: the state still works for this page
        }
        return value;
      });
    },
    [key],
  );
  return [value, set];
}
