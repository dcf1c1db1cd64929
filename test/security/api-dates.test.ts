import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { ApiKeyService } from '../../src/reports/api/keys.js';

for (const dialect of testDialects()) {
  describe(`API report dates [${dialect}]`, () => {
    let t: TestApp;
    let key: string;
    before(async () => {
      t = await startTestApp(dialect);
      key = await new ApiKeyService(t.deps).createForSystem(t.demo.partnershipId, 'Dates partner', 1000);
      await t.deps.db
        .updateTable('partnerships')
        .set({ settings: JSON.stringify({ startDate: '2020-04-01' }) })
        .where('id', '=', t.demo.partnershipId)
        .execute();
    });
    after(() => t.close());

    const send = (at: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { 'x-api-key': key },
        payload: {
          category: 'graffiti',
          description: 'Tags on the wall',
          location: { lat: 51.514, lng: -0.0935 },
          occurred: { kind: 'at', at },
        },
      });

    it('refuses a time in the future beyond a small clock skew, naming the field', async () => {
      for (const at of ['2099-01-01T00:00:00Z', new Date(Date.now() + 3_600_000).toISOString()]) {
        const res = await send(at);
        assert.equal(res.statusCode, 400, at);
        assert.match(res.json().fields['occurred.at'], /must not be in the future/);
      }
      assert.equal(
        (await send(new Date(Date.now() + 60_000).toISOString())).statusCode,
        201,
        'a minute of skew is fine',
      );
    });

    it('refuses a time before the partnership began', async () => {
      for (const at of ['1000-01-01T00:00:00Z', '2020-03-31T23:00:00Z']) {
        const res = await send(at);
        assert.equal(res.statusCode, 400, at);
        assert.match(res.json().fields['occurred.at'], /before the partnership began \(2020-04-01\)/);
      }
      assert.equal((await send('2021-06-01T12:00:00Z')).statusCode, 201);
    });
  });
}
