/** Starts `next start` on the existing .next build, on a free port, and stops it again. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export class SetupError extends Error {}

export interface SiteServer {
  readonly origin: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startSite(root: string): Promise<SiteServer> {
  const nextBin = join(root, 'node_modules/.bin/next');
  if (!existsSync(nextBin)) throw new SetupError('node_modules/.bin/next is missing: run `npm ci` first.');
  if (!existsSync(join(root, '.next/BUILD_ID'))) throw new SetupError('No Next.js build in .next: run `npm run build` first.');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(nextBin, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const server: SiteServer = { origin, stop: () => stopChild(child) };
  const hint = ' (if .next came from `npm run export`, run `npm run build` after it)';
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new SetupError(`next start exited with code ${child.exitCode}${hint}:\n${log.trim()}`);
    try {
      const res = await fetch(`${origin}/bench`);
      if (res.status === 200) return server;
      if (res.status === 404) {
        await server.stop();
        throw new SetupError('The build in .next has no /bench page (it predates the harness): run `npm run build` first.');
      }
    } catch (e) {
      if (e instanceof SetupError) throw e;
      // not listening yet
    }
    await sleep(250);
  }
  await server.stop();
  throw new SetupError(`next start did not answer on ${origin} within 60 s${hint}:\n${log.trim()}`);
}
