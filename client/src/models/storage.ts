/** Local storage that never throws (private modes and full disks refuse writes). */
export const store = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string | null): void {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch {
      // Nothing to do: the setting lasts for this page only.
    }
  },
};

export const storageKeys = {
  facilitatorKey: (code: string) => `balint.key.${code}`,
  links: (code: string) => `balint.links.${code}`,
  memberName: 'balint.member.name',
  offer: (code: string) => `balint.offer.${code}`,
  device: 'balint.device',
  vibrate: 'balint.member.vibrate',
  memberLanguage: 'balint.member.language',
} as const;

// The console's key handling has its own module, so that phones do not download it.
