import { describe, expect, it } from 'vitest';
import { groupLinks, learnLinkOrigin, linkOrigin } from '../../../client/src/models/links.ts';
import { storageKeys } from '../../../client/src/models/storage.ts';
import { useFakeLocalStorage } from './fakeStorage.ts';

useFakeLocalStorage();

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

describe('learning the public address from the server', () => {
  const info = (member: string) =>
    ({
      ok: true,
      json: async () => ({
        code: 'K7M2QX',
        links: { member, display: member.replace('/m/', '/d/') },
      }),
    }) as Response;

  it('asks the server once, keeps its answer, and returns its origin', async () => {
    const asked: string[] = [];
    const fetchInfo = async (url: string) => {
      asked.push(url);
      return info('http://192.168.1.20:3000/m/K7M2QX');
    };
    expect(await learnLinkOrigin('K7M2QX', fetchInfo)).toBe('http://192.168.1.20:3000');
    expect(asked).toEqual(['/api/groups/K7M2QX']);
    expect(linkOrigin('K7M2QX', 'http://localhost:3000')).toBe('http://192.168.1.20:3000');
    expect(await learnLinkOrigin('K7M2QX', fetchInfo)).toBe('http://192.168.1.20:3000');
    expect(asked).toHaveLength(1);
  });

  it('gives up quietly when the server cannot be asked', async () => {
    const failing = async () => {
      throw new Error('offline');
    };
    expect(await learnLinkOrigin('K7M2QX', failing)).toBeNull();
    const notFound = async () => ({ ok: false, json: async () => ({}) }) as Response;
    expect(await learnLinkOrigin('K7M2QX', notFound)).toBeNull();
    const garbage = async () => ({ ok: true, json: async () => ({ links: 5 }) }) as Response;
    expect(await learnLinkOrigin('K7M2QX', garbage)).toBeNull();
    expect(linkOrigin('K7M2QX', 'http://localhost:3000')).toBe('http://localhost:3000');
  });
});
