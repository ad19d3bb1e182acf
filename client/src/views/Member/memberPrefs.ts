import { MEMBER_NAME_MAX } from '@balint/shared';
import { type Signal, signal } from '@preact/signals-core';
import { storageKeys, store } from '../../models/storage.ts';

/** A member's own choices, kept on the phone only. */
export class MemberPrefs {
  readonly name = signal(store.get(storageKeys.memberName) ?? '');
  readonly presenter: Signal<boolean>;
  readonly vibrate = signal(store.get(storageKeys.vibrate) === 'on');

  constructor(private readonly code: string) {
    this.presenter = signal(store.get(storageKeys.presenter(code)) === 'yes');
  }

  setName(name: string): void {
    const clean = name.trim().slice(0, MEMBER_NAME_MAX);
    this.name.value = clean;
    store.set(storageKeys.memberName, clean || null);
  }

  setPresenter(presenter: boolean): void {
    this.presenter.value = presenter;
    store.set(storageKeys.presenter(this.code), presenter ? 'yes' : null);
  }

  setVibrate(vibrate: boolean): void {
    this.vibrate.value = vibrate;
    store.set(storageKeys.vibrate, vibrate ? 'on' : null);
  }
}

/** Vibration works on Android browsers; iPhones have no Vibration API. */
export function canVibrate(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function';
}
