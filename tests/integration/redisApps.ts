import { randomUUID } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../../server/src/app.ts';
import type { Clock } from '../../server/src/clock.ts';
import { silentLogger } from '../../server/src/logger.ts';
import { openScaleOut, type ScaleOut } from '../../server/src/scaleOut.ts';

/** One server process's app, in this test process, on a shared Redis. */
export interface RedisApp {
  app: App;
  scaleOut: ScaleOut;
  url: string;
  stop(): Promise<void>;
}

export interface RedisAppOptions {
  clock: Clock;
  /** Apps that share a prefix share their data, like processes on one REDIS_URL. */
  keyPrefix: string;
  rateLimit?: boolean;
  groupTtlMs?: number;
  sweepIntervalMs?: number;
  /** Listen on this port (a restart reuses its predecessor's); a free one by default. */
  port?: number;
}

/** A fresh prefix: this test's apps see each other and nothing else on the Redis server. */
export const newKeyPrefix = () => `t${randomUUID().slice(0, 8)}:`;

/** createApp on the Redis store, adapter and limits, on loopback port 0. */
export async function startRedisApp(redisUrl: string, options: RedisAppOptions): Promise<RedisApp> {
  const scaleOut = await openScaleOut(redisUrl, {
    logger: silentLogger(),
    keyPrefix: options.keyPrefix,
  });
  const app = await createApp({
    store: scaleOut.store,
    adapter: scaleOut.adapter,
    limiterStore: scaleOut.limiters,
    clock: options.clock,
    logger: silentLogger(),
    publicUrl: 'http://127.0.0.1:0',
    // No built client: the API and Socket.IO are what these tests use.
    clientDist: join(tmpdir(), 'balint-no-client'),
    rateLimit: options.rateLimit ?? false,
    groupTtlMs: options.groupTtlMs,
    sweepIntervalMs: options.sweepIntervalMs,
  });
  await new Promise<void>((done) => app.http.listen(options.port ?? 0, '127.0.0.1', done));
  const address = app.http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    scaleOut,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await app.close();
      await scaleOut.close();
    },
  };
}

/**
 * A TCP load balancer for tests: each connection goes to the first backend that accepts it,
 * so when a process dies its clients reconnect to the next one, as behind nginx.
 */
export interface Balancer {
  url: string;
  close(): Promise<void>;
}

export async function startBalancer(backendPorts: number[]): Promise<Balancer> {
  const open = new Set<Socket>();
  const connectTo = (client: Socket, index: number) => {
    const port = backendPorts[index];
    if (port === undefined) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port });
    upstream.once('error', () => {
      if (upstream.bytesWritten === 0 && upstream.bytesRead === 0 && !client.destroyed) {
        connectTo(client, index + 1);
      } else {
        client.destroy();
      }
    });
    upstream.once('connect', () => {
      open.add(upstream);
      upstream.once('close', () => open.delete(upstream));
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      upstream.once('close', () => client.destroy());
      client.once('close', () => upstream.destroy());
    });
  };
  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    connectTo(client, 0);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** The p-th percentile (0–100) of some figures. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
