import { spawn } from 'node:child_process';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** Runs `node bin/asbhub.js serve` and waits for it to exit (killing it if it starts serving instead). */
async function serveWith(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'SQLITE_FILE', 'SESSION_SECRET', 'BASE_URL', 'LOG_LEVEL', 'OIDC_ISSUER'])
    delete base[k];
  const child = spawn(process.execPath, ['bin/asbhub.js', 'serve'], {
    cwd: ROOT,
    env: {
      ...base,
      DATA_DIR: path.join(os.tmpdir(), `asbhub-serve-${process.pid}`),
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

describe('asbhub serve fails fast on unusable configuration', () => {
  it('exits 1 naming SESSION_SECRET when NODE_ENV=production has none', async () => {
    const r = await serveWith({ NODE_ENV: 'production' });
    assert.equal(r.code, 1, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
    assert.match(
      r.stderr,
      /^Error: SESSION_SECRET must be set to at least 32 characters when NODE_ENV=production$/m,
    );
    assert.doesNotMatch(r.stdout, /is running/);
    // One line for the operator, not a stack trace.
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
