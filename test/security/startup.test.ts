import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { holdUntilStarted, waitForDatabase } from '../../src/platform/web/starting.js';

describe('start-up with the database down', () => {
  let app: FastifyInstance;
  let database: DatabaseHandle;
  let open: () => void;
  before(async () => {
    // Nothing listens on port 1: the database is down.
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    database = openDatabase(config);
    ({ app } = await buildApp({ config, database, logger: pino({ level: 'silent' }) }));
    open = holdUntilStarted(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });

  it('listens: /health 200, /ready 503, pages 503 with Retry-After', async () => {
    const address = app.server.address() as { port: number };
    const base = `http://127.0.0.1:${address.port}`;
    assert.equal((await fetch(`${base}/health`)).status, 200);
    assert.equal((await fetch(`${base}/ready`)).status, 503);
    const page = await fetch(`${base}/sign-in`);
    assert.equal(page.status, 503);
    assert.equal(page.headers.get('retry-after'), '5');
    open();
    assert.equal((await fetch(`${base}/ready`)).status, 503, 'still 503: the database is down');
  });

  it('retries the database until it answers, logging the outage once', async () => {
    let calls = 0;
    const logged: string[] = [];
    await waitForDatabase(
      async () => ++calls >= 4,
      { error: (m) => logged.push(`error ${m}`), info: (m) => logged.push(`info ${m}`) },
      1,
    );
    assert.equal(calls, 4);
    assert.equal(logged.length, 2);
    assert.match(logged[0], /^error database unreachable/);
    assert.match(logged[1], /^info database reachable/);
  });
});
