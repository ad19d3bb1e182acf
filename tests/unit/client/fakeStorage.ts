import { afterEach, beforeEach } from 'vitest';

/** A Storage-like map. */
function fakeStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

/** Gives each test of the calling file a fresh, empty global localStorage. */
export function useFakeLocalStorage(): void {
  beforeEach(() => {
    globalThis.localStorage = fakeStorage();
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });
}
