import { networkInterfaces } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { systemClock } from './clock.ts';
import { parseConfig } from './config.ts';
import { dataDirProblem } from './dataDir.ts';
import { openSqliteStore } from './groups/store.sqlite.ts';
import type { GroupStore } from './groups/store.ts';
import { lanAddresses } from './lan.ts';
import { createLogger } from './logger.ts';
import { redactedUrl } from './redis.ts';
import { openScaleOut, type ScaleOut } from './scaleOut.ts';

// The only file that reads the environment and listens.
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const lan = lanAddresses(networkInterfaces());
const parsed = parseConfig(process.env, {
  // `npm start -w server` runs in server/; INIT_CWD is where the user typed `npm start`.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  defaultDataDir: resolve(repoRoot, 'data'),
  lan,
});
if (!parsed.ok) {
  for (const error of parsed.errors) console.error(`Configuration: ${error}`);
  process.exit(1);
}
const config = parsed.config;
const logger = createLogger(config.logLevel);

/** Where the groups live: SQLite in DATA_DIR (one laptop), or Redis shared by every process. */
interface Backend {
  store: GroupStore;
  adapter?: ScaleOut['adapter'];
  limiterStore?: ScaleOut['limiters'];
  /** For the banner. */
  where: string;
  close(): Promise<void>;
}

const backend = config.redisUrl ? await openRedis(config.redisUrl) : openSqlite(config.dataDir);

function openSqlite(dataDir: string): Backend {
  try {
    const store = openSqliteStore(dataDir);
    return { store, where: dataDir, close: () => store.close() };
  } catch (error) {
    console.error(`Balint Timer: cannot use DATA_DIR: ${dataDirProblem(dataDir, error)}.`);
    process.exit(1);
  }
}

async function openRedis(url: string): Promise<Backend> {
  try {
    const scaleOut = await openScaleOut(url, { logger });
    return {
      store: scaleOut.store,
      adapter: scaleOut.adapter,
      limiterStore: scaleOut.limiters,
      where: `Redis at ${redactedUrl(url)} (REDIS_URL; DATA_DIR is not used)`,
      close: () => scaleOut.close(),
    };
  } catch (error) {
    console.error(`Cannot reach Redis at ${redactedUrl(url)} (REDIS_URL): ${String(error)}`);
    process.exit(1);
  }
}

const app = await createApp({
  store: backend.store,
  adapter: backend.adapter,
  limiterStore: backend.limiterStore,
  clock: systemClock,
  logger,
  publicUrl: config.publicUrl,
  clientDist: resolve(repoRoot, 'client/dist'),
  clientBuild: config.buildId,
  groupTtlMs: config.groupTtlMs,
  standingTtlMs: config.standingTtlMs,
  rateLimit: config.rateLimit,
  trustProxy: config.trustProxy,
});

app.http.once('error', (error: NodeJS.ErrnoException) => {
  const where = `${config.host}:${config.port}`;
  const reason =
    error.code === 'EADDRINUSE'
      ? `${where} is already in use: stop the other server or choose another PORT.`
      : error.code === 'EACCES'
        ? `${where} needs privileges: choose a PORT above 1023.`
        : `cannot listen on ${where} (check HOST and PORT): ${error.message}`;
  console.error(`Balint Timer: ${reason}`);
  void backend.close().finally(() => process.exit(1));
});
app.http.listen(config.port, config.host, () => {
  const address = app.http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const lines = [
    `Balint Timer is running on port ${port}.`,
    `  Join links use ${config.publicUrl}`,
  ];
  lines.push(`  On this machine: http://localhost:${port}`);
  if (isLoopback(config.host)) {
    lines.push(`  Listening on ${config.host} only: phones cannot reach it (set HOST=0.0.0.0).`);
  } else {
    for (const candidate of lan) {
      const note = !candidate.isPrivate
        ? ' (not a private range)'
        : candidate.isVirtual
          ? ' (a virtual network: phones are likely not on it)'
          : '';
      lines.push(`  On the room's network: http://${candidate.address}:${port}${note}`);
    }
  }
  lines.push(`  Data: ${backend.where}`);
  console.log(lines.join('\n'));
  logger.info({ port, host: config.host }, 'listening');
});

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  try {
    await app.close();
    await backend.close();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
// A promise nobody awaited failed: a bug, but the room's session must go on; state is stored.
process.on('unhandledRejection', (reason) => {
  logger.error({ err: reason }, 'unhandled rejection');
});
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
