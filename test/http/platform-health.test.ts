import { Writable } from 'node:stream';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { testDialects } from '../helpers/db.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

interface LogLine {
  level: number;
  msg: string;
}

describe('health, readiness and metrics when the database is unreachable', () => {
  const lines: LogLine[] = [];
  let app: FastifyInstance;
  let database: DatabaseHandle;

  before(async () => {
    // Nothing listens on port 1: every connection attempt is refused at once.
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    database = openDatabase(config);
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    ({ app } = await buildApp({ config, database, logger }));
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers /health with 200: the process is up', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  it('answers /ready with 503 every time, logging the outage once', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ method: 'GET', url: '/ready' });
      assert.equal(res.statusCode, 503);
      assert.deepEqual(res.json(), { status: 'unavailable', database: 'unreachable' });
    }
    const errors = lines.filter((l) => l.level >= 50);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0].msg, /database unreachable/);
  });

  it('counts the requests in /metrics', async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/plain/);
    const ready = /^asbhub_http_requests_total\{method="GET",route="\/ready",status="503"\} (\d+)$/m.exec(
      res.body,
    );
    assert.ok(ready, res.body.slice(0, 2000));
    assert.equal(Number(ready[1]), 3);
    assert.match(res.body, /^asbhub_http_requests_total\{method="GET",route="\/health",status="200"\} 1$/m);
    assert.match(res.body, /^# TYPE asbhub_http_request_duration_seconds histogram$/m);
  });
});

for (const dialect of testDialects()) {
  describe(`readiness with the database up [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    it('answers /ready with 200 naming the database', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/ready' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ready', database: dialect });
    });
  });
}
