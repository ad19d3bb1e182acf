import { storageKeys, store } from './storage.ts';

/** Reads `key=…` from a URL fragment such as `#key=abc`. */
export function keyFromFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const key = params.get('key');
  return key && key.length > 0 ? key : null;
}

/**
 * The facilitator key for a group: taken from the URL fragment (then stored and removed from
 * the visible address, so it is not shown on a shared screen) or from local storage.
 */
export function takeFacilitatorKey(code: string): string | null {
  const fromUrl = keyFromFragment(location.hash);
  if (fromUrl) {
    store.set(storageKeys.facilitatorKey(code), fromUrl);
    history.replaceState(null, '', location.pathname + location.search);
    return fromUrl;
  }
  return store.get(storageKeys.facilitatorKey(code));
}
