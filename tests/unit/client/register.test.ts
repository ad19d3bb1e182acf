import { describe, expect, it } from 'vitest';
import { storageKeys } from '../../../client/src/models/storage.ts';
import { routeOf } from '../../../client/src/routes.ts';
import {
  homeKeys,
  recentGroups,
  rememberGroup,
  rememberStanding,
} from '../../../client/src/views/Home/homeMemory.ts';
import { useFakeLocalStorage } from './fakeStorage.ts';

const HOUR = 3_600_000;
const NOW = 1_800_000_000_000;
const plan = {
  name: '',
  minutes: { opening: '5', presentation: '10', questions: '5', discussion: '25', reflection: '10' },
  autoAdvance: false,
};

useFakeLocalStorage();

describe('the register page’s route', () => {
  it('is /f/CODE/register, code normalised', () => {
    expect(routeOf('/f/k7m2qx/register')).toEqual({ page: 'register', code: 'K7M2QX' });
    expect(routeOf('/f/K7M2QX/register/')).toEqual({ page: 'register', code: 'K7M2QX' });
    expect(routeOf('/f/K7M2Q0/register')).toEqual({ page: 'notFound' });
    expect(routeOf('/m/K7M2QX/register')).toEqual({ page: 'notFound' });
  });
});

describe('standing groups on the start page', () => {
  const held = (code: string) => localStorage.setItem(storageKeys.facilitatorKey(code), 'key');

  it('[RG1] lists this device’s standing groups first, whatever their age; then today’s', () => {
    for (const code of ['AAAAAA', 'BBBBBB', 'CCCCCC', 'DDDDDD', 'EEEEEE']) held(code);
    rememberGroup(
      { code: 'AAAAAA', name: 'Old weekly', createdAt: NOW - 90 * 24 * HOUR, standing: true },
      plan,
      NOW - 90 * 24 * HOUR,
    );
    rememberGroup(
      { code: 'BBBBBB', name: 'Yesterday', createdAt: NOW - 30 * HOUR },
      plan,
      NOW - 30 * HOUR,
    );
    rememberGroup({ code: 'CCCCCC', name: 'Today', createdAt: NOW - HOUR }, plan, NOW - HOUR);
    rememberGroup({ code: 'DDDDDD', name: 'Now', createdAt: NOW }, plan, NOW);
    expect(recentGroups(NOW).map((group) => group.code)).toEqual(['AAAAAA', 'DDDDDD', 'CCCCCC']);
    // A group made standing from its console is remembered as such, its creation time kept.
    rememberStanding({ code: 'CCCCCC', name: 'Today, weekly' }, NOW);
    expect(recentGroups(NOW + 40 * 24 * HOUR)).toEqual([
      { code: 'CCCCCC', name: 'Today, weekly', createdAt: NOW - HOUR, standing: true },
      { code: 'AAAAAA', name: 'Old weekly', createdAt: NOW - 90 * 24 * HOUR, standing: true },
    ]);
    // Without the key on this device, nothing is offered.
    rememberStanding({ code: 'ZZZZZZ', name: 'Not mine' }, NOW);
    expect(localStorage.getItem(homeKeys.recentGroups)).not.toContain('ZZZZZZ');
  });
});
