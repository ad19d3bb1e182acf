import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '@balint/shared';

/** A random join code from the unambiguous alphabet, upper case. */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i += 1) {
    code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  }
  return code;
}

/** A facilitator key: 256 random bits, base64url. Only its hash is ever stored. */
export function newFacilitatorKey(): string {
  return randomBytes(32).toString('base64url');
}

/** sha256 of a key, hex: what the store keeps. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** True if `key` hashes to `keyHash`, compared in constant time. */
export function keyMatchesHash(key: unknown, keyHash: string): boolean {
  if (typeof key !== 'string' || key.length === 0) return false;
  const given = Buffer.from(hashKey(key), 'hex');
  const stored = Buffer.from(keyHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
