import { createHash } from 'node:crypto';
import type { RedisClient } from '../redis.ts';

/**
 * The store's keys, all under one prefix:
 * - `g:{code}` hash: name, keyHash, createdAt, lastActivityAt, revision, session, standingSince
 * - `s:{code}` hash: sitting id → the sitting's record (JSON); `c:{id}` → '1' once confirmed
 * - `a:{code}` hash: `${sittingId}:${nameKey}` → `${presented ? 1 : 0}${name}`, confirmed
 * - `n:{code}` hash: the same, for the names noted while a sitting ran (the proposal)
 * - `idle` sorted set: code by lastActivityAt
 * - `p:{code}` hash: `${processId}:${socketId}` → the screen as JSON
 * - `procs` sorted set: processId by the time it was last heard from
 * - `pp:{processId}` hash: code → how many of that process's screens are in the group
 * Scripts derive `p:` and `pp:` keys of other groups and processes themselves, so the store
 * wants one Redis (or a primary with replicas), not a Redis Cluster.
 */
export const keys = (prefix: string) => ({
  group: (code: string) => `${prefix}g:${code}`,
  idle: `${prefix}idle`,
  presence: (code: string) => `${prefix}p:${code}`,
  processes: `${prefix}procs`,
  processGroups: (processId: string) => `${prefix}pp:${processId}`,
  sittings: (code: string) => `${prefix}s:${code}`,
  attendance: (code: string) => `${prefix}a:${code}`,
  noted: (code: string) => `${prefix}n:${code}`,
});

/** A screen's field in `p:{code}`; process ids and Socket.IO ids hold no ':'. */
export const presenceField = (processId: string, socketId: string) => `${processId}:${socketId}`;

export interface Script {
  source: string;
  sha: string;
}

function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** Runs a script by its hash, sending its source once if Redis has not got it (or restarted). */
export async function runScript(
  client: RedisClient,
  { source, sha }: Script,
  scriptKeys: string[],
  args: string[],
): Promise<unknown> {
  const options = { keys: scriptKeys, arguments: args };
  try {
    return await client.evalSha(sha, options);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return client.eval(source, options);
  }
}

/**
 * KEYS: group, idle. ARGV: code, name, keyHash, createdAt, lastActivityAt, revision, session,
 * standingSince or ''.
 */
export const CREATE = script(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'name', ARGV[2], 'keyHash', ARGV[3], 'createdAt', ARGV[4],
  'lastActivityAt', ARGV[5], 'revision', ARGV[6], 'session', ARGV[7])
if ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'standingSince', ARGV[8]) end
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
return 1`);

/**
 * KEYS: group, idle, sittings, noted. ARGV: code, expected revision, revision, session,
 * lastActivityAt or '', the closed sitting's id or '', its record (JSON). Names noted for an
 * earlier sitting that was never saved (its start undone) are dropped with it.
 */
export const COMPARE_AND_SET = script(`
if redis.call('HGET', KEYS[1], 'revision') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'revision', ARGV[3], 'session', ARGV[4])
if ARGV[5] ~= '' then
  redis.call('HSET', KEYS[1], 'lastActivityAt', ARGV[5])
  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
end
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[3], ARGV[6], ARGV[7])
  local closed = tonumber(ARGV[6])
  for _, field in ipairs(redis.call('HKEYS', KEYS[4])) do
    local id = string.match(field, '^(%d+):')
    if id and tonumber(id) < closed and redis.call('HEXISTS', KEYS[3], id) == 0 then
      redis.call('HDEL', KEYS[4], field)
    end
  end
end
return 1`);

/** KEYS: group. ARGV: at. Standing from \`at\`, unless it already is; 0 if there is no group. */
export const MAKE_STANDING = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSETNX', KEYS[1], 'standingSince', ARGV[1])
return 1`);

/**
 * KEYS: group, noted. ARGV: field, value, field, value, … (\`${presented}${name}\`). Nothing for
 * a group that is gone; a name once noted as presenting stays so.
 */
export const NOTE = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 1, #ARGV, 2 do
  local known = redis.call('HGET', KEYS[2], ARGV[i])
  if not known or (string.sub(known, 1, 1) == '0' and string.sub(ARGV[i + 1], 1, 1) == '1') then
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
  end
end
return 1`);

/**
 * KEYS: sittings, attendance, noted. ARGV: sitting id, then field, value, … The sitting's
 * attendance replaced and confirmed, its proposal dropped; 0 if there is no such sitting.
 */
export const CONFIRM = script(`
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
local prefix = ARGV[1] .. ':'
for _, hash in ipairs({ KEYS[2], KEYS[3] }) do
  for _, field in ipairs(redis.call('HKEYS', hash)) do
    if string.sub(field, 1, #prefix) == prefix then redis.call('HDEL', hash, field) end
  end
end
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
redis.call('HSET', KEYS[1], 'c:' .. ARGV[1], '1')
return 1`);

/** KEYS: attendance, noted. ARGV: name key. That person leaves every sitting. */
export const FORGET = script(`
for _, hash in ipairs(KEYS) do
  for _, field in ipairs(redis.call('HKEYS', hash)) do
    local name = string.match(field, '^%d+:(.*)$')
    if name == ARGV[1] then redis.call('HDEL', hash, field) end
  end
end
return 1`);

/** KEYS: group, idle. ARGV: code, at. A group that is gone stays gone. */
export const TOUCH = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'lastActivityAt', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 1`);

/**
 * KEYS: group, idle, presence, sittings, attendance, noted. ARGV: code, prefix. The group, its
 * screens, its idle entry and its register.
 */
export const DELETE = script(`
local existed = redis.call('DEL', KEYS[1])
redis.call('DEL', KEYS[4], KEYS[5], KEYS[6])
redis.call('ZREM', KEYS[2], ARGV[1])
for _, field in ipairs(redis.call('HKEYS', KEYS[3])) do
  local processId = string.match(field, '^([^:]+):')
  if processId then redis.call('HDEL', ARGV[2] .. 'pp:' .. processId, ARGV[1]) end
end
redis.call('DEL', KEYS[3])
return existed`);

/** KEYS: presence, processGroups. ARGV: code, field, screen as JSON. */
export const PRESENCE_ADD = script(`
if redis.call('HSET', KEYS[1], ARGV[2], ARGV[3]) == 1 then
  redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
end
return 1`);

/** KEYS: presence, processGroups. ARGV: code, field. */
export const PRESENCE_REMOVE = script(`
if redis.call('HDEL', KEYS[1], ARGV[2]) == 1 then
  if redis.call('HINCRBY', KEYS[2], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[2], ARGV[1]) end
end
return 1`);

/** KEYS: presence, processes. ARGV: alive since. The screens (JSON) of processes alive since. */
export const PRESENCE_LIST = script(`
local alive = {}
local screens = {}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local processId = string.match(all[i], '^([^:]+):')
  if processId then
    if alive[processId] == nil then
      local seen = redis.call('ZSCORE', KEYS[2], processId)
      alive[processId] = seen ~= false and tonumber(seen) >= tonumber(ARGV[1])
    end
    if alive[processId] then screens[#screens + 1] = all[i + 1] end
  end
end
return screens`);

/** Forgets one process's screens in every group, and the process; returns those groups. */
const DROP_FUNCTION = `
local function drop(prefix, processId, codes)
  local groups = prefix .. 'pp:' .. processId
  local mine = processId .. ':'
  for _, code in ipairs(redis.call('HKEYS', groups)) do
    local presence = prefix .. 'p:' .. code
    for _, field in ipairs(redis.call('HKEYS', presence)) do
      if string.sub(field, 1, #mine) == mine then redis.call('HDEL', presence, field) end
    end
    codes[code] = true
  end
  redis.call('DEL', groups)
  redis.call('ZREM', prefix .. 'procs', processId)
end
local function list(codes)
  local out = {}
  for code in pairs(codes) do out[#out + 1] = code end
  return out
end`;

/** KEYS: processes. ARGV: processId, prefix. */
export const DROP_PROCESS = script(`${DROP_FUNCTION}
local codes = {}
drop(ARGV[2], ARGV[1], codes)
return list(codes)`);

/** KEYS: processes. ARGV: before, prefix. Every process not heard from since `before`. */
export const REAP_PROCESSES = script(`${DROP_FUNCTION}
local codes = {}
for _, processId in ipairs(redis.call('ZRANGE', KEYS[1], '-inf', '(' .. ARGV[1], 'BYSCORE')) do
  drop(ARGV[2], processId, codes)
end
return list(codes)`);

/** KEYS: processes. ARGV: alive since, prefix. Groups with a screen on a live process. */
export const OCCUPIED = script(`
local codes = {}
for _, processId in ipairs(redis.call('ZRANGE', KEYS[1], ARGV[1], '+inf', 'BYSCORE')) do
  for _, code in ipairs(redis.call('HKEYS', ARGV[2] .. 'pp:' .. processId)) do codes[code] = true end
end
local out = {}
for code in pairs(codes) do out[#out + 1] = code end
return out`);
