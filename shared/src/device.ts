/** A phone's own random id, kept in its local storage: 8–64 url-safe characters. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function isDeviceId(value: unknown): value is string {
  return typeof value === 'string' && DEVICE_ID_PATTERN.test(value);
}
