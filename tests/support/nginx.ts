import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const NGINX = '/usr/sbin/nginx';

/** Fails the test (never skips it) when nginx is not installed. */
export function requireNginx(): void {
  if (existsSync(NGINX)) return;
  throw new Error(
    `${NGINX} is missing: the deployment tests need it. Install it with ` +
      '`apt-get install -y nginx-light` (the tests start it themselves, as no service).',
  );
}

export interface Nginx {
  url: string;
  stop(): Promise<void>;
}

/**
 * nginx with deploy/nginx.conf as it is, but for its `listen` port and two upstream ports,
 * inside a minimal main configuration whose pid, logs and temporary files are in a temp dir.
 */
export async function startNginx(
  listenPort: number,
  upstreamPorts: [number, number],
): Promise<Nginx> {
  requireNginx();
  const dir = mkdtempSync(join(tmpdir(), 'balint-nginx-'));
  const site = readFileSync(join(repoRoot, 'deploy/nginx.conf'), 'utf8')
    .replace('listen 80;', `listen 127.0.0.1:${listenPort};`)
    .replace('127.0.0.1:3001', `127.0.0.1:${upstreamPorts[0]}`)
    .replace('127.0.0.1:3002', `127.0.0.1:${upstreamPorts[1]}`);
  writeFileSync(join(dir, 'balint-timer.conf'), site);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `${name}_temp_path ${join(dir, name)};`)
    .join('\n  ');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${temp}
  include ${join(dir, 'balint-timer.conf')};
}
`,
  );
  let output = '';
  const child: ChildProcess = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const url = `http://127.0.0.1:${listenPort}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${output}`);
    const answered = await fetch(`${url}/healthz`).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer: ${output}`);
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
