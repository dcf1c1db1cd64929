import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

for (const dialect of testDialects()) {
  describe(`Open311 GeoReport v2 [${dialect}]`, () => {
    let t: TestApp;
    let key: string;
    before(async () => {
      t = await startTestApp(dialect);
      key = await t.services.reports.apiKeys.createForSystem(t.demo.partnershipId, 'FixMyStreet test', 1000);
    });
    after(() => t.close());

    const post = (form: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      });

    it('describes itself and its services', async () => {
      const discovery = (await t.app.inject({ url: '/open311/v2/discovery.json' })).json();
      assert.equal(discovery.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
      const services = (await t.app.inject({ url: '/open311/v2/services.json' })).json();
      assert.ok(services.length >= 17);
      const graffiti = services.find((s: any) => s.service_code === 'graffiti');
      assert.equal(graffiti.metadata, true);
      assert.equal(graffiti.type, 'realtime');
      const def = (await t.app.inject({ url: '/open311/v2/services/graffiti.json' })).json();
      assert.equal(def.service_code, 'graffiti');
      assert.ok(
        def.attributes.some((a: any) => a.code === 'hate_incident' && a.datatype === 'singlevaluelist'),
      );
      const missing = await t.app.inject({ url: '/open311/v2/services/nothing.json' });
      assert.equal(missing.statusCode, 404);
      assert.deepEqual(missing.json(), [{ code: 404, description: 'service_code nothing not found' }]);
    });

    it('creates a request with an API key and fetches it back, by id and in the list', async () => {
      const res = await post({
        api_key: key,
        service_code: 'graffiti',
        lat: '51.5134',
        long: '-0.0890',
        description: 'Offensive graffiti on the wall by the station entrance',
        email: 'fms.user@example.com',
        first_name: 'Pat',
        last_name: 'Reporter',
        'attribute[hate_incident]': 'true',
      });
      assert.equal(res.statusCode, 201, res.body);
      const [created] = res.json();
      assert.match(created.service_request_id, /^ASB-\d{4}-\d{6}$/);
      const report = await t.deps.db
        .selectFrom('reports')
        .selectAll()
        .where('reference', '=', created.service_request_id)
        .executeTakeFirstOrThrow();
      assert.equal(report.channel, 'open311');
      assert.equal(report.hate_incident, 1);
      assert.equal(new Date(report.due_at).getTime() - new Date(report.created_at).getTime(), 24 * 3_600_000);

      // A hate incident is never published without the key that sent it.
      assert.equal(
        (await t.app.inject({ url: `/open311/v2/requests/${created.service_request_id}.json` })).statusCode,
        404,
      );
      assert.ok(
        !(await t.app.inject({ url: '/open311/v2/requests.json' }))
          .json()
          .some((r: any) => r.service_request_id === created.service_request_id),
      );
      const plain = (
        await post({
          api_key: key,
          service_code: 'graffiti',
          lat: '51.5134',
          long: '-0.0890',
          description: 'Tags on the wall by the station entrance',
          email: 'fms.user@example.com',
        })
      ).json()[0];
      const one = await t.app.inject({ url: `/open311/v2/requests/${plain.service_request_id}.json` });
      assert.equal(one.statusCode, 200);
      const [pub] = one.json();
      assert.equal(pub.service_request_id, plain.service_request_id);
      assert.equal(pub.status, 'open');
      assert.equal(pub.service_code, 'graffiti');
      assert.equal(pub.description, null, 'no description without the key that sent it');
      assert.equal(pub.lat, 51.513);
      const own = (
        await t.app.inject({
          url: `/open311/v2/requests/${created.service_request_id}.json?api_key=${encodeURIComponent(key)}`,
        })
      ).json();
      assert.equal(own[0].description, 'Offensive graffiti on the wall by the station entrance');

      const list = (
        await t.app.inject({ url: '/open311/v2/requests.json?service_code=graffiti&status=open' })
      ).json();
      assert.ok(list.some((r: any) => r.service_request_id === plain.service_request_id));
      const closed = (await t.app.inject({ url: '/open311/v2/requests.json?status=closed' })).json();
      assert.ok(!closed.some((r: any) => r.service_request_id === plain.service_request_id));
      const byId = (
        await t.app.inject({
          url: `/open311/v2/requests.json?service_request_id=${created.service_request_id}&api_key=${encodeURIComponent(key)}`,
        })
      ).json();
      assert.equal(byId.length, 1);
    });

    it('accepts a JSON body and an address instead of a point', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: {
          api_key: key,
          service_code: 'litter-fly-tipping',
          address_string: 'Fenchurch Street',
          description: 'Mattress dumped on the corner',
        },
      });
      assert.equal(res.statusCode, 201, res.body);
    });

    it('answers bad requests with spec-shaped errors and the right status', async () => {
      const noKey = await post({
        service_code: 'graffiti',
        lat: '51.5134',
        long: '-0.089',
        description: 'x',
      });
      assert.equal(noKey.statusCode, 403);
      assert.equal(noKey.json()[0].code, 403);
      const badKey = await post({
        api_key: 'asbh_nope_nope',
        service_code: 'graffiti',
        lat: '51.5134',
        long: '-0.089',
        description: 'x',
      });
      assert.equal(badKey.statusCode, 403);
      const unknown = await post({
        api_key: key,
        service_code: 'nothing',
        lat: '51.5134',
        long: '-0.089',
        description: 'x',
      });
      assert.equal(unknown.statusCode, 404);
      const missing = await post({ api_key: key, service_code: 'graffiti' });
      assert.equal(missing.statusCode, 400);
      const descriptions = missing.json().map((e: any) => e.description);
      assert.ok(descriptions.includes('description is required'));
      assert.ok(descriptions.includes('lat and long, or address_string, is required'));
      assert.ok(missing.json().every((e: any) => e.code === 400));
      const outside = await post({
        api_key: key,
        service_code: 'graffiti',
        lat: '51.5007',
        long: '-0.1246',
        description: 'Westminster',
      });
      assert.equal(outside.statusCode, 400);
      assert.match(outside.json()[0].description, /outside the City of London/);
      const long = await post({
        api_key: key,
        service_code: 'graffiti',
        lat: '51.5134',
        long: '-0.089',
        description: 'x'.repeat(2001),
      });
      assert.equal(long.statusCode, 400);
      const notFound = await t.app.inject({ url: '/open311/v2/requests/ASB-2026-999999.json' });
      assert.equal(notFound.statusCode, 404);
      assert.equal(notFound.json()[0].code, 404);
      const badDate = await t.app.inject({ url: '/open311/v2/requests.json?start_date=yesterday' });
      assert.equal(badDate.statusCode, 400);
    });

    it('rate-limits posting per key', async () => {
      const limited = await t.services.reports.apiKeys.createForSystem(t.demo.partnershipId, 'Tiny limit', 2);
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        codes.push(
          (
            await post({
              api_key: limited,
              service_code: 'fly-posting',
              lat: '51.5134',
              long: '-0.089',
              description: `poster ${i}`,
            })
          ).statusCode,
        );
      }
      assert.deepEqual(codes, [201, 201, 429]);
    });
  });
}
