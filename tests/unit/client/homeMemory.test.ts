import { describe, expect, it } from 'vitest';
import { storageKeys } from '../../../client/src/models/storage.ts';
import {
  groupsStillThere,
  homeKeys,
  recentGroups,
  rememberedPlan,
  rememberGroup,
} from '../../../client/src/views/Home/homeMemory.ts';
import { useFakeLocalStorage } from './fakeStorage.ts';

const HOUR = 3_600_000;
const NOW = 1_800_000_000_000;
const plan = {
  name: 'Tuesday GP group',
  minutes: { opening: '5', presentation: '10', questions: '5', discussion: '20', reflection: '8' },
  autoAdvance: false,
};

useFakeLocalStorage();

function created(code: string, at: number) {
  localStorage.setItem(storageKeys.facilitatorKey(code), 'key');
  rememberGroup({ code, name: `Group ${code}`, createdAt: at }, plan, at);
}

describe('what the start page remembers', () => {
  it('offers the groups created here in the last day, newest first, at most three', () => {
    created('AAAAAA', NOW - 30 * HOUR);
    created('BBBBBB', NOW - 3 * HOUR);
    created('CCCCCC', NOW - 2 * HOUR);
    created('DDDDDD', NOW - HOUR);
    created('EEEEEE', NOW - 0.5 * HOUR);
    expect(recentGroups(NOW).map((group) => group.code)).toEqual(['EEEEEE', 'DDDDDD', 'CCCCCC']);
  });

  it('forgets a group whose console key is gone, and ignores garbage', () => {
    created('BBBBBB', NOW - HOUR);
    localStorage.removeItem(storageKeys.facilitatorKey('BBBBBB'));
    expect(recentGroups(NOW)).toEqual([]);
    localStorage.setItem(homeKeys.recentGroups, '{not json');
    expect(recentGroups(NOW)).toEqual([]);
    localStorage.setItem(homeKeys.recentGroups, JSON.stringify([{ code: 'bad' }, 5]));
    expect(recentGroups(NOW)).toEqual([]);
  });

  it('fills the form with the lengths last used here, so a weekly group keeps its own', () => {
    expect(rememberedPlan()).toBeNull();
    created('BBBBBB', NOW);
    expect(rememberedPlan()).toEqual(plan);
    localStorage.setItem(homeKeys.lastPlan, JSON.stringify({ minutes: { opening: 5 } }));
    expect(rememberedPlan()).toBeNull();
  });

  it('forgets the groups the server no longer has, and keeps those it cannot check', async () => {
    created('AAAAAA', NOW - 3 * HOUR);
    created('BBBBBB', NOW - 2 * HOUR);
    created('CCCCCC', NOW - HOUR);
    const answers = { AAAAAA: 'found', BBBBBB: 'missing', CCCCCC: 'unreachable' } as const;
    const kept = await groupsStillThere(recentGroups(NOW), async (code) =>
      code in answers ? answers[code as keyof typeof answers] : 'missing',
    );
    expect(kept.map((group) => group.code)).toEqual(['CCCCCC', 'AAAAAA']);
    expect(recentGroups(NOW).map((group) => group.code)).toEqual(['CCCCCC', 'AAAAAA']);
    expect(localStorage.getItem(storageKeys.facilitatorKey('BBBBBB'))).toBeNull();
  });
});
