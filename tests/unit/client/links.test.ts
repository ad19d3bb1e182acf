import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupLinks, linkOrigin } from '../../../client/src/models/links.ts';
import { storageKeys } from '../../../client/src/models/storage.ts';

/** A Storage-like map, installed as the global localStorage for these tests. */
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

beforeEach(() => {
  globalThis.localStorage = fakeStorage();
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage');
});

describe('group links', () => {
  it('point at this page’s origin when nothing better is known', () => {
    expect(groupLinks('K7M2QX', 'k/y', 'http://localhost:3000')).toEqual({
      member: 'http://localhost:3000/m/K7M2QX',
      display: 'http://localhost:3000/d/K7M2QX',
      facilitator: 'http://localhost:3000/f/K7M2QX#key=k%2Fy',
    });
  });

  it('prefer the server’s public address kept at creation, so phones can reach it', () => {
    localStorage.setItem(
      storageKeys.links('K7M2QX'),
      JSON.stringify({ member: 'http://192.168.1.20:3000/m/K7M2QX' }),
    );
    expect(linkOrigin('K7M2QX', 'http://localhost:3000')).toBe('http://192.168.1.20:3000');
    expect(linkOrigin('OTHER2', 'http://localhost:3000')).toBe('http://localhost:3000');
  });

  it('ignore a stored value that is not JSON', () => {
    localStorage.setItem(storageKeys.links('K7M2QX'), '{oops');
    expect(linkOrigin('K7M2QX', 'http://localhost:3000')).toBe('http://localhost:3000');
  });
});
