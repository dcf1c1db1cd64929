import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { errorsOf, parseJson, parseXml, postForm } from '../helpers/open311.js';
import { ApiKeyService } from '../../src/reports/api/keys.js';

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const FORMATS = ['xml', 'json'] as const;

for (const dialect of testDialects()) {
  describe(`Open311 GeoReport v2 contract [${dialect}]`, () => {
    let t: TestApp;
    let key: string;
    before(async () => {
      t = await startTestApp(dialect);
      key = await new ApiKeyService(t.deps).createForSystem(t.demo.partnershipId, 'FixMyStreet', 1000);
    });
    after(() => t.close());

    const get = (url: string) => t.app.inject({ url });
    const post = (format: 'xml' | 'json', form: Record<string, string | string[]>, headers = {}) =>
      postForm(t.app, `/open311/v2/requests.${format}`, { api_key: key, ...form }, headers);
    const point = { lat: '51.51340000001', long: '-0.08900000002' };
    const reportRow = (reference: string) =>
      t.deps.db
        .selectFrom('reports')
        .selectAll()
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();

    it('discovery, service list and definitions in XML and JSON, endpoint URLs ending in /', async () => {
      const dx = parseXml(await get('/open311/v2/discovery.xml')).discovery;
      const dj = parseJson(await get('/open311/v2/discovery.json'));
      for (const endpoint of [dx.endpoints.endpoint[0], dj.endpoints[0]]) {
        assert.equal(endpoint.specification, 'http://wiki.open311.org/GeoReport_v2');
        assert.match(endpoint.url, /\/open311\/v2\/$/);
      }
      assert.deepEqual(dx.endpoints.endpoint[0].formats.format, ['text/xml', 'application/json']);
      assert.deepEqual(dj.endpoints[0].formats, ['text/xml', 'application/json']);

      const sx = parseXml(await get('/open311/v2/services.xml')).services.service;
      const sj = parseJson(await get('/open311/v2/services.json'));
      assert.equal(sx.length, sj.length);
      assert.ok(sx.length >= 17);
      for (const list of [sx, sj]) {
        const graffiti = list.find((s: any) => s.service_code === 'graffiti');
        assert.equal(String(graffiti.metadata), 'true');
        assert.equal(graffiti.type, 'realtime');
        assert.ok(graffiti.service_name && graffiti.description && graffiti.group);
        assert.ok(!graffiti.keywords.split(',').includes('private'));
        for (const code of ['harassment', 'rough-sleeping', 'aggressive-begging'])
          assert.ok(
            list
              .find((s: any) => s.service_code === code)
              .keywords.split(',')
              .includes('private'),
            code,
          );
      }

      const defx = parseXml(await get('/open311/v2/services/graffiti.xml')).service_definition;
      const defj = parseJson(await get('/open311/v2/services/graffiti.json'));
      assert.equal(defx.service_code, 'graffiti');
      assert.equal(defj.service_code, 'graffiti');
      const ax = defx.attributes.attribute;
      assert.deepEqual(
        ax.map((a: any) => a.code),
        defj.attributes.map((a: any) => a.code),
      );
      const hate = ax.find((a: any) => a.code === 'hate_incident');
      assert.equal(hate.datatype, 'singlevaluelist');
      assert.equal(hate.variable, 'true');
      assert.deepEqual(hate.value ?? hate.values.value.map((v: any) => v.key), ['true', 'false']);
      const fms = ax.find((a: any) => a.code === 'fixmystreet_id');
      assert.equal(fms.variable, 'false');
      assert.equal(fms.datatype, 'string');
      for (const a of ax) assert.ok(Number(a.order) > 0 && a.description && a.required);
    });

    it('an administrator marks a category as about people: it becomes private and leaves public lists', async () => {
      const plain = parseJson(await post('json', { service_code: 'vehicle-nuisance', ...point }))[0]
        .service_request_id;
      assert.equal((await get(`/open311/v2/requests/${plain}.json`)).statusCode, 200);
      const admin = new Client(t.app);
      await admin.signIn(DEMO.admin);
      const page = await admin.get('/admin/service-map/categories/vehicle-nuisance');
      assert.match(page.body, /A person could be identified from these reports/);
      const res = await admin.post('/admin/service-map/categories/vehicle-nuisance', {
        slaHours: '48',
        publicDescription: 'Vehicles used to cause a nuisance',
        active: 'yes',
        aboutPeople: 'yes',
      });
      assert.equal(res.statusCode, 302, res.body);
      const service = parseXml(await get('/open311/v2/services.xml')).services.service.find(
        (s: any) => s.service_code === 'vehicle-nuisance',
      );
      assert.ok(service.keywords.split(',').includes('private'));
      errorsOf(await get(`/open311/v2/requests/${plain}.xml`), 'xml', 404);
    });

    it('the OpenAPI document covers every Open311 route in both formats', async () => {
      const doc = parseJson(await get('/api/docs/openapi.json'));
      for (const path of [
        '/open311/v2/discovery.{format}',
        '/open311/v2/services.{format}',
        '/open311/v2/services/{service_code}.{format}',
        '/open311/v2/requests.{format}',
        '/open311/v2/requests/{service_request_id}.{format}',
        '/open311/v2/servicerequestupdates.{format}',
      ]) {
        assert.ok(doc.paths[path], path);
        for (const op of Object.values(doc.paths[path]) as any[]) {
          assert.deepEqual(op.parameters.find((p: any) => p.name === 'format').schema.enum, ['xml', 'json']);
          const ok = op.responses['200'] ?? op.responses['201'];
          if (ok.content) assert.deepEqual(Object.keys(ok.content), ['text/xml', 'application/json']);
        }
      }
      assert.equal(doc.components.schemas.Open311Errors.xml.name, 'errors');
    });

    it('POST requests as FixMyStreet sends them: the id comes back in <service_requests><request>', async () => {
      const res = await post('xml', {
        service_code: 'graffiti',
        ...point,
        description:
          'title: Tag on the wall\r\n\r\ndetail: Café wall — “offensive” tag\r\n\r\nSubmitted via FixMyStreet',
        email: 'fms.user@example.com',
        first_name: 'Pat',
        last_name: 'Reporter',
        media_url: 'https://fms.example/photo/1.full.jpeg',
        'attribute[hate_incident]': 'true',
        'attribute[place_context][]': ['station', 'walkway'],
      });
      assert.equal(res.statusCode, 201, res.body);
      const [created] = parseXml(res).service_requests.request;
      assert.match(created.service_request_id, /^ASB-\d{4}-\d{6}$/);
      const row = await reportRow(created.service_request_id);
      assert.equal(row.channel, 'open311');
      assert.equal(row.hate_incident, 1);
      assert.equal(row.media_url, 'https://fms.example/photo/1.full.jpeg');
      assert.match(row.description, /^title: Tag on the wall\n\ndetail: Café wall — “offensive” tag\n/);
      assert.ok(JSON.parse(row.place_contexts).includes('walkway'));
      assert.equal(row.lat, 51.51340000001);

      // JSON body with numbers, no description, repeated attribute[x], and an address_id.
      const json = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: { api_key: key, service_code: 'litter-fly-tipping', lat: 51.5116, long: -0.0815 },
      });
      assert.equal(json.statusCode, 201, json.body);
      const noText = await reportRow(parseJson(json)[0].service_request_id);
      assert.equal(noText.category_code, 'litter-fly-tipping');
      assert.equal(noText.description, '');
      const byId = await post('json', {
        service_code: 'noise-street',
        address_id: 'fenchurch-street',
        'attribute[place_context]': ['station', 'walkway'],
      });
      assert.equal(byId.statusCode, 201, byId.body);
      const placed = await reportRow(parseJson(byId)[0].service_request_id);
      assert.equal(placed.location_text, 'Fenchurch Street');
      assert.ok(placed.lat && placed.lng);
    });

    it('a retry with the same fixmystreet_id or Idempotency-Key returns the first id, even all at once', async () => {
      for (const format of FORMATS) {
        const form = {
          service_code: 'fly-posting',
          ...point,
          'attribute[fixmystreet_id]': `fms-${format}-1`,
        };
        const first = await post(format, form);
        assert.equal(first.statusCode, 201);
        const again = await post(format, { ...form, description: 'sent again' });
        assert.equal(again.statusCode, 200);
        const id = (r: typeof first) =>
          format === 'xml'
            ? parseXml(r).service_requests.request[0].service_request_id
            : parseJson(r)[0].service_request_id;
        assert.equal(id(again), id(first));
      }
      const together = await Promise.all(
        Array.from({ length: 6 }, () =>
          post('xml', { service_code: 'fly-posting', ...point }, { 'idempotency-key': 'same-request-42' }),
        ),
      );
      const ids = new Set(together.map((r) => parseXml(r).service_requests.request[0].service_request_id));
      assert.equal(ids.size, 1);
      assert.deepEqual(together.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 200, 201]);
      const count = await t.deps.db
        .selectFrom('api_client_refs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('client_ref', '=', 'idempotency:same-request-42')
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
      const [only] = [...ids];
      const made = await t.deps.db
        .selectFrom('reports')
        .select('reference')
        .where('category_code', '=', 'fly-posting')
        .where('description', '=', '')
        .where('external_id', 'is', null)
        .execute();
      assert.deepEqual(
        made.map((r) => r.reference),
        [only],
      );
    });

    it('GET requests: public view hides private categories and detail; the sending key sees its own', async () => {
      const mine = parseJson(
        await post('json', { service_code: 'harassment', ...point, description: 'Man shouting at me daily' }),
      )[0].service_request_id;
      const plain = parseJson(
        await post('json', { service_code: 'graffiti', ...point, description: 'Tags' }),
      )[0].service_request_id;
      assert.equal((await get(`/open311/v2/requests/${mine}.xml`)).statusCode, 404);
      const pub = parseXml(await get(`/open311/v2/requests/${plain}.xml`)).service_requests.request[0];
      assert.equal(pub.service_request_id, plain);
      assert.equal(pub.status, 'open');
      assert.equal(pub.description, '');
      assert.equal(pub.lat, '51.513');
      assert.match(pub.requested_datetime, W3C);
      assert.match(pub.updated_datetime, W3C);
      const own = parseXml(await get(`/open311/v2/requests/${mine}.xml?api_key=${encodeURIComponent(key)}`))
        .service_requests.request[0];
      assert.equal(own.description, 'Man shouting at me daily');
      assert.equal(own.service_code, 'harassment');

      // service_request_id overrides every other argument, and takes several ids.
      const several = parseJson(
        await get(
          `/open311/v2/requests.json?service_request_id=${mine},${plain}&status=closed&service_code=noise-street&api_key=${encodeURIComponent(key)}`,
        ),
      );
      assert.deepEqual(several.map((r: any) => r.service_request_id).sort(), [mine, plain].sort());
      const publicList = parseXml(await get('/open311/v2/requests.xml?status=open,closed')).service_requests
        .request;
      assert.ok(publicList.some((r: any) => r.service_request_id === plain));
      assert.ok(!publicList.some((r: any) => r.service_request_id === mine));
      const closed = parseJson(await get('/open311/v2/requests.json?status=closed'));
      assert.ok(!closed.some((r: any) => r.service_request_id === plain));
    });

    it('every error is the specification error list, in the format asked for', async () => {
      const limited = await new ApiKeyService(t.deps).createForSystem(t.demo.partnershipId, 'Tiny', 2);
      for (const format of FORMATS) {
        const url = `/open311/v2/requests.${format}`;
        assert.match(
          errorsOf(await postForm(t.app, url, { service_code: 'graffiti', ...point }), format, 403)[0],
          /api_key/,
        );
        errorsOf(
          await postForm(t.app, url, { api_key: 'asbh_no_no', service_code: 'graffiti', ...point }),
          format,
          403,
        );
        errorsOf(await get(`/open311/v2/servicerequestupdates.${format}`), format, 403);
        const missing = errorsOf(await post(format, { lat: 'north', long: '-0.09' }), format, 400);
        assert.ok(missing.includes('service_code is required'));
        assert.ok(missing.includes('lat must be a latitude in decimal degrees'));
        assert.match(
          errorsOf(
            await post(format, { service_code: 'graffiti', ...point, description: 'x'.repeat(4001) }),
            format,
            400,
          )[0],
          /^description must be 4,000 characters or fewer/,
        );
        assert.deepEqual(
          errorsOf(await post(format, { service_code: 'graffiti', address_id: 'nowhere-lane' }), format, 400),
          ['address_id nowhere-lane is not in the gazetteer'],
        );
        assert.match(
          errorsOf(
            await post(format, { service_code: 'graffiti', lat: '51.5007', long: '-0.1246' }),
            format,
            400,
          )[0],
          /outside/,
        );
        assert.match(
          errorsOf(await get(`/open311/v2/requests.${format}?start_date=yesterday`), format, 400)[0],
          /^start_date/,
        );
        assert.match(
          errorsOf(await get(`/open311/v2/requests.${format}?status=pending`), format, 400)[0],
          /^status/,
        );
        errorsOf(await post(format, { service_code: 'nothing', ...point }), format, 404);
        errorsOf(await get(`/open311/v2/services/nothing.${format}`), format, 404);
        errorsOf(await get(`/open311/v2/requests/ASB-2026-999999.${format}`), format, 404);
        errorsOf(await get(`/open311/v2/no-such-thing.${format}`), format, 404);
        const codes: number[] = [];
        let last = await post(format, { service_code: 'fly-posting', ...point });
        for (let i = 0; i < 3; i++) {
          last = await postForm(t.app, url, {
            api_key: limited,
            service_code: 'fly-posting',
            ...point,
            description: `${format} ${i}`,
          });
          codes.push(last.statusCode);
        }
        assert.deepEqual(codes, format === 'xml' ? [201, 201, 429] : [429, 429, 429]);
        assert.ok(Number(last.headers['retry-after']) > 0);
        assert.match(errorsOf(last, format, 429)[0], /try again in \d+ seconds/);
      }
      const broken = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.xml',
        headers: { 'content-type': 'application/json' },
        payload: '{"api_key": ',
      });
      errorsOf(broken, 'xml', 400);
      // Unknown formats: the error list in JSON.
      errorsOf(await get('/open311/v2/services.csv'), 'json', 404);
      assert.match(
        errorsOf(await get('/open311/v2/services/graffiti.csv'), 'json', 404)[0],
        /\.xml or \.json/,
      );
      errorsOf(await get('/open311/v2/requests/ASB-2026-000001'), 'json', 404);
    });
  });
}
