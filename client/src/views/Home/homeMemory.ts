import {
  isJoinCode,
  isLanguage,
  type Language,
  MAX_CASES,
  MIN_CASES,
  PHASE_IDS,
  type PhaseId,
} from '@balint/shared';
import { storageKeys, store } from '../../models/storage.ts';
import { checkGroup, type GroupCheck } from './groupCheck.ts';

/** A group created on this device, for "continue where you left off". */
export interface RecentGroup {
  code: string;
  name: string;
  createdAt: number;
  /** A standing group: offered week after week, first, whatever its age. */
  standing?: boolean;
}

/** The create form as last submitted here: a weekly group keeps its own lengths and language. */
export interface RememberedPlan {
  name: string;
  /** Absent in what was remembered before groups had languages. */
  language?: Language;
  minutes: Record<PhaseId, string>;
  autoAdvance: boolean;
  cases?: number;
}

/** Where the start page keeps what it remembers (only the start page reads these). */
export const homeKeys = {
  recentGroups: 'balint.home.recent',
  lastPlan: 'balint.home.plan',
} as const;

const RECENT_MAX = 3;
/** A facilitator may run a few standing groups; each is offered for as long as it lasts. */
const STANDING_MAX = 12;
/** An idle group expires after a day by default; older ones are not offered. */
const RECENT_FOR_MS = 24 * 60 * 60 * 1000;

function readJson(key: string): unknown {
  const raw = store.get(key);
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function isRecentGroup(value: unknown): value is RecentGroup {
  const group = value as Partial<RecentGroup> | null;
  return (
    typeof group === 'object' &&
    group !== null &&
    isJoinCode(group.code) &&
    typeof group.name === 'string' &&
    typeof group.createdAt === 'number' &&
    (group.standing === undefined || typeof group.standing === 'boolean')
  );
}

/**
 * The groups this device can continue (it still holds their console key): its standing groups
 * first, then those created here in the last day; newest first in each.
 */
export function recentGroups(now: number): RecentGroup[] {
  const stored = readJson(homeKeys.recentGroups);
  if (!Array.isArray(stored)) return [];
  const held = stored
    .filter(isRecentGroup)
    .filter((group) => store.get(storageKeys.facilitatorKey(group.code)) !== null)
    .sort((a, b) => b.createdAt - a.createdAt);
  const standing = held.filter((group) => group.standing === true).slice(0, STANDING_MAX);
  const recent = held
    .filter((group) => group.standing !== true && now - group.createdAt < RECENT_FOR_MS)
    .slice(0, RECENT_MAX);
  return [...standing, ...recent];
}

/** Remembers that a group whose console this device opened is standing: offered from now on. */
export function rememberStanding(group: { code: string; name: string }, now: number): void {
  if (store.get(storageKeys.facilitatorKey(group.code)) === null) return;
  const known = recentGroups(now);
  const before = known.find((found) => found.code === group.code);
  if (before?.standing && before.name === group.name) return;
  const others = known.filter((found) => found.code !== group.code);
  const kept = { code: group.code, name: group.name, createdAt: before?.createdAt ?? now };
  store.set(homeKeys.recentGroups, JSON.stringify([{ ...kept, standing: true }, ...others]));
}

/** Forgets a group on this device: off the start page's list, its console key and links gone. */
export function forgetGroup(code: string): void {
  const stored = readJson(homeKeys.recentGroups);
  if (Array.isArray(stored)) {
    const others = stored.filter((group) => !(isRecentGroup(group) && group.code === code));
    store.set(homeKeys.recentGroups, JSON.stringify(others));
  }
  store.set(storageKeys.facilitatorKey(code), null);
  store.set(storageKeys.links(code), null);
}

/**
 * The remembered groups the server still has. Those it no longer knows (404: expired or deleted)
 * are forgotten; when it cannot tell (offline), a group is kept.
 */
export async function groupsStillThere(
  groups: readonly RecentGroup[],
  check: (code: string) => Promise<GroupCheck> = checkGroup,
): Promise<RecentGroup[]> {
  const answers = await Promise.all(groups.map((group) => check(group.code)));
  return groups.filter((group, index) => {
    if (answers[index] !== 'missing') return true;
    forgetGroup(group.code);
    return false;
  });
}

/** Keeps a newly created group and the form it was created with. */
export function rememberGroup(group: RecentGroup, plan: RememberedPlan, now: number): void {
  const others = recentGroups(now).filter((known) => known.code !== group.code);
  store.set(homeKeys.recentGroups, JSON.stringify([group, ...others]));
  store.set(homeKeys.lastPlan, JSON.stringify(plan));
}

/** The form as last submitted here, or null; anything malformed is ignored. */
export function rememberedPlan(): RememberedPlan | null {
  const stored = readJson(homeKeys.lastPlan) as Partial<RememberedPlan> | null;
  if (!stored || typeof stored !== 'object') return null;
  const minutes = stored.minutes as Record<string, unknown> | undefined;
  if (!minutes || !PHASE_IDS.every((phase) => typeof minutes[phase] === 'string')) return null;
  const cases = stored.cases;
  return {
    name: typeof stored.name === 'string' ? stored.name : '',
    ...(isLanguage(stored.language) ? { language: stored.language } : {}),
    minutes: minutes as Record<PhaseId, string>,
    autoAdvance: stored.autoAdvance === true,
    ...(typeof cases === 'number' && cases >= MIN_CASES && cases <= MAX_CASES ? { cases } : {}),
  };
}
