import { Writable } from 'node:stream';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { createLogger, redactUrl } from '../../src/platform/log.js';
import { loadConfig } from '../../src/config.js';

const PLANTED = {
  name: 'Zebedee Quaggaworth',
  phone: '07700900123',
  email: 'zebedee.planted@example.org',
  apiKey: 'plantedkey0123456789abcdef',
  csrf: 'plantedcsrf987654321',
  street: 'Plantedwell Mews',
};

for (const dialect of testDialects()) {
  describe(`logs carry no secrets or personal data [${dialect}]`, () => {
    let t: TestApp;
    const lines: string[] = [];
    before(async () => {
      const stream = new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      });
      const logger = createLogger(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'trace' }), stream);
      t = await startTestApp(dialect, { logger });
    });
    after(() => t.close());

    it('a journey with planted values in queries leaves none of them in the log', async () => {
      const q = encodeURIComponent;
      const handler = new Client(t.app);
      await handler.signIn(DEMO.callHandler);
      await handler.get(
        `/intake/history?phone=${q(PLANTED.phone)}&email=${q(PLANTED.email)}&name=${q(PLANTED.name)}`,
      );
      await handler.get(`/intake?saved=${q(PLANTED.name)}`);
      await handler.post('/intake/lookup', { phone: PLANTED.phone, name: PLANTED.name });
      await t.app.inject({ url: `/open311/v2/requests.json?api_key=${PLANTED.apiKey}` });
      await t.app.inject({ url: `/api/v1/reports?api_key=${PLANTED.apiKey}` });

      const auditor = new Client(t.app);
      await auditor.signIn(DEMO.auditor);
      await auditor.get(`/audit?userEmail=${q(PLANTED.email)}&action=sign-in`);
      const officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
      await officer.get(`/people?q=${q(PLANTED.name)}`);
      await officer.get(`/queue?search=${q(PLANTED.street)}`);
      await officer.get(`/sign-out?_csrf=${PLANTED.csrf}`);
      await t.app.inject({ url: `/sign-in?next=${q(`/people?q=${PLANTED.name}`)}` });
      await t.app.inject({ url: `/nowhere?email=${q(PLANTED.email)}&phone=${PLANTED.phone}` });

      const log = lines.join('');
      assert.ok(log.includes('incoming request'), 'the requests were logged');
      for (const [what, value] of Object.entries(PLANTED)) {
        for (const form of new Set([value, encodeURIComponent(value), value.replace(/ /g, '+')]))
          assert.ok(!log.includes(form), `the log holds the planted ${what} (${form})`);
      }
    });
  });
}

describe('redactUrl', () => {
  it('keeps harmless parameters and the path', () => {
    assert.equal(redactUrl('/queue?page=2&sort=newest'), '/queue?page=2&sort=newest');
    assert.equal(redactUrl('/queue?api_key=x&page=2'), '/queue?api_key=[redacted]&page=2');
    assert.equal(redactUrl('/people/1?page=2'), '/people/1?page=[redacted]');
    assert.equal(redactUrl('/x?%E0%A4%A=1'), '/x?[redacted]');
  });
});
