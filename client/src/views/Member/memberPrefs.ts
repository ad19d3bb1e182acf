import { isLanguage, type Language, MEMBER_NAME_MAX } from '@balint/shared';
import { type Signal, signal } from '@preact/signals-core';
import { storageKeys, store } from '../../models/storage.ts';

/** A random id this phone keeps for itself, so it is the same member across reconnects. */
export function deviceId(): string {
  const kept = store.get(storageKeys.device);
  if (kept && /^[A-Za-z0-9_-]{8,64}$/.test(kept)) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const fresh = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  store.set(storageKeys.device, fresh);
  return fresh;
}

/** A member's own choices, kept on the phone only. */
export class MemberPrefs {
  readonly name = signal(store.get(storageKeys.memberName) ?? '');
  /** This member offers to present this group's next case; the facilitator decides. */
  readonly offer: Signal<boolean>;
  readonly vibrate = signal(store.get(storageKeys.vibrate) === 'on');
  readonly device = deviceId();
  /** This phone's own interface language; null follows the group's. */
  readonly language = signal(ownLanguage(store.get(storageKeys.memberLanguage)));

  constructor(private readonly code: string) {
    this.offer = signal(store.get(storageKeys.offer(code)) === 'yes');
  }

  setName(name: string): void {
    const clean = name.trim().slice(0, MEMBER_NAME_MAX);
    this.name.value = clean;
    store.set(storageKeys.memberName, clean || null);
  }

  setOffer(offer: boolean): void {
    this.offer.value = offer;
    store.set(storageKeys.offer(this.code), offer ? 'yes' : null);
  }

  setVibrate(vibrate: boolean): void {
    this.vibrate.value = vibrate;
    store.set(storageKeys.vibrate, vibrate ? 'on' : null);
  }

  setLanguage(language: Language | null): void {
    this.language.value = language;
    store.set(storageKeys.memberLanguage, language);
  }
}

function ownLanguage(stored: string | null): Language | null {
  return isLanguage(stored) ? stored : null;
}

/** Vibration works on Android browsers; iPhones have no Vibration API. */
export function canVibrate(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function';
}
