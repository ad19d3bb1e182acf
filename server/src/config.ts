import { isAbsolute, resolve } from 'node:path';
import { defaultPublicUrl, type LanAddress } from './lan.ts';

export interface Config {
  port: number;
  host: string;
  /** Where join links point; no trailing slash. */
  publicUrl: string;
  /** Absolute path of the SQLite directory. */
  dataDir: string;
  logLevel: string;
  groupTtlMs: number;
  /** STANDING_TTL_DAYS in ms: a standing group with no sitting for this long expires. */
  standingTtlMs: number;
  rateLimit: boolean;
  /** Express's 'trust proxy': false, true (the left-most X-Forwarded-For) or a hop count. */
  trustProxy: boolean | number;
  /** REDIS_URL: scale-out mode (the store, broadcasts and address limits on Redis). */
  redisUrl?: string;
  /** BUILD_ID: the client build announced to screens instead of the one in client/dist. */
  buildId?: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigContext {
  /** Where a relative DATA_DIR is resolved (the directory `npm start` was run from). */
  cwd: string;
  /** The default DATA_DIR: `data/` at the repository root. */
  defaultDataDir: string;
  lan: readonly LanAddress[];
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const STANDING_TTL_DAYS = 400;

/** The server's configuration from its environment; pure, errors as values. */
export function parseConfig(env: Env, context: ConfigContext): ConfigResult {
  const errors: string[] = [];
  const port = parsePort(env.PORT, errors);
  const host = env.HOST?.trim() || '0.0.0.0';
  const publicUrl = parsePublicUrl(env.PUBLIC_URL, errors) ?? defaultPublicUrl(context.lan, port);
  const dataDirInput = env.DATA_DIR?.trim();
  const dataDir = dataDirInput
    ? isAbsolute(dataDirInput)
      ? dataDirInput
      : resolve(context.cwd, dataDirInput)
    : context.defaultDataDir;
  const logLevel = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) errors.push(`LOG_LEVEL must be one of ${LOG_LEVELS}.`);
  const groupTtlMs = parseTtl(env.GROUP_TTL_HOURS, errors);
  const standingTtlMs = parseStandingTtl(env.STANDING_TTL_DAYS, errors);
  const rateLimit = parseSwitch('RATE_LIMIT', env.RATE_LIMIT, true, errors);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, errors);
  const redisUrl = parseRedisUrl(env.REDIS_URL, errors);
  const buildId = parseBuildId(env.BUILD_ID, errors);
  if (errors.length > 0) return { ok: false, errors };
  const config = {
    port,
    host,
    publicUrl,
    dataDir,
    logLevel,
    groupTtlMs,
    standingTtlMs,
    rateLimit,
    trustProxy,
  };
  return {
    ok: true,
    config: { ...config, ...(redisUrl ? { redisUrl } : {}), ...(buildId ? { buildId } : {}) },
  };
}

// Plain decimals only: Number() would also take "0x10" or "1e3" and surprise whoever typed it.
const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

function parsePort(raw: string | undefined, errors: string[]): number {
  if (raw === undefined || raw.trim() === '') return 3000;
  const port = WHOLE.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (Number.isInteger(port) && port >= 0 && port <= 65_535) return port;
  errors.push('PORT must be a whole number from 0 to 65535.');
  return 3000;
}

function parsePublicUrl(raw: string | undefined, errors: string[]): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  try {
    const url = new URL(raw.trim());
    const plainBase = !url.search && !url.hash && !url.username && !url.password;
    if ((url.protocol === 'http:' || url.protocol === 'https:') && plainBase) {
      return url.toString().replace(/\/+$/, '');
    }
  } catch {
    // Reported below.
  }
  errors.push(
    'PUBLIC_URL must be an absolute http(s) URL without query or credentials, e.g. http://192.168.1.20:3000.',
  );
  return null;
}

function parseTtl(raw: string | undefined, errors: string[]): number {
  if (raw === undefined || raw.trim() === '') return 24 * HOUR_MS;
  const hours = DECIMAL.test(raw.trim()) ? Number(raw) : Number.NaN;
  const ms = Math.round(hours * HOUR_MS);
  if (Number.isFinite(ms) && ms >= 1000) return ms;
  errors.push('GROUP_TTL_HOURS must be a positive number of hours (at least one second).');
  return 24 * HOUR_MS;
}

function parseStandingTtl(raw: string | undefined, errors: string[]): number {
  if (raw === undefined || raw.trim() === '') return STANDING_TTL_DAYS * DAY_MS;
  const days = DECIMAL.test(raw.trim()) ? Number(raw) : Number.NaN;
  const ms = Math.round(days * DAY_MS);
  if (Number.isFinite(ms) && ms >= 1000 && days <= 36_500) return ms;
  errors.push('STANDING_TTL_DAYS must be a positive number of days (at most 36500).');
  return STANDING_TTL_DAYS * DAY_MS;
}

function parseSwitch(
  name: string,
  raw: string | undefined,
  fallback: boolean,
  errors: string[],
): boolean {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['on', 'true', '1', 'yes'].includes(value)) return true;
  if (['off', 'false', '0', 'no'].includes(value)) return false;
  errors.push(`${name} must be on or off.`);
  return fallback;
}

function parseTrustProxy(raw: string | undefined, errors: string[]): boolean | number {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === '') return false;
  const hops = Number(value);
  if (Number.isInteger(hops) && hops >= 0) return hops;
  return parseSwitch('TRUST_PROXY', value, false, errors);
}

function parseRedisUrl(raw: string | undefined, errors: string[]): string | undefined {
  const value = raw?.trim();
  if (value === undefined || value === '') return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'redis:' || url.protocol === 'rediss:') return value;
  } catch {
    // Reported below.
  }
  errors.push('REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://10.0.0.5:6379.');
  return undefined;
}

function parseBuildId(raw: string | undefined, errors: string[]): string | undefined {
  const value = raw?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^[\w.-]{1,64}$/.test(value)) return value;
  errors.push('BUILD_ID must be 1–64 letters, digits, ".", "-" or "_".');
  return undefined;
}
