import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { parseXml, postForm } from '../helpers/open311.js';
import { ApiKeyService } from '../../src/reports/api/keys.js';

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

/**
 * The exchange a FixMyStreet install makes with its Open311 back end over a day, with the paths,
 * parameters and XML its client (perllib/Open311.pm) uses: endpoint + 'services.xml', etc.
 */
for (const dialect of testDialects()) {
  describe(`a FixMyStreet day over Open311 [${dialect}]`, () => {
    let t: TestApp;
    let key: string;
    let otherKey: string;
    const endpoint = '/open311/v2/';
    before(async () => {
      t = await startTestApp(dialect);
      const keys = new ApiKeyService(t.deps);
      key = await keys.createForSystem(t.demo.partnershipId, 'FixMyStreet', 600);
      otherKey = await keys.createForSystem(t.demo.partnershipId, 'Another client', 600);
    });
    after(() => t.close());

    const fmsGet = async (path: string, params: Record<string, string> = {}) => {
      const res = await t.app.inject({
        url: `${endpoint}${path}?${new URLSearchParams({ jurisdiction_id: 'asbhub', ...params })}`,
      });
      assert.equal(res.statusCode, 200, `${path}: ${res.body}`);
      return parseXml(res);
    };
    const fmsPost = async (path: string, params: Record<string, string>) => {
      const res = await postForm(t.app, `${endpoint}${path}`, {
        jurisdiction_id: 'asbhub',
        api_key: key,
        ...params,
      });
      assert.ok(res.statusCode === 200 || res.statusCode === 201, `${path}: ${res.body}`);
      return parseXml(res);
    };
    const poll = async (k = key) => {
      const window = {
        start_date: new Date(Date.now() - 3_600_000).toISOString().replace('Z', '+00:00'),
        end_date: new Date(Date.now() + 60_000).toISOString().replace('Z', '+00:00'),
      };
      return ((await fmsGet('servicerequestupdates.xml', { api_key: k, ...window })).service_request_updates
        ?.request_update ?? []) as Record<string, string>[];
    };

    it('services, definitions, posts, a public update, the poll, a comment in, closure and the final poll', async () => {
      // Morning: the service list and each service's definition (PopulateServiceList).
      const services = (await fmsGet('services.xml')).services.service as Record<string, string>[];
      for (const s of services.filter((x) => x.metadata === 'true')) {
        const def = (await fmsGet(`services/${s.service_code}.xml`)).service_definition;
        assert.equal(def.service_code, s.service_code);
        assert.ok(def.attributes.attribute.some((a: any) => a.code === 'fixmystreet_id'));
      }
      const privateCodes = services
        .filter((s) => s.keywords.split(',').includes('private'))
        .map((s) => s.service_code);
      assert.ok(privateCodes.includes('harassment'));

      // Residents report; FixMyStreet posts each (send_service_request), once resending after a timeout.
      const send = async (code: string, fmsId: string, detail: string) =>
        (
          await fmsPost('requests.xml', {
            service_code: code,
            lat: '51.5116',
            long: '-0.0815',
            description: `title: ${detail}\n\ndetail: ${detail}\n\nurl: https://fms.example/report/${fmsId}\n\nSubmitted via FixMyStreet\n`,
            first_name: 'Robin',
            last_name: 'Resident',
            email: 'robin@example.com',
            'attribute[fixmystreet_id]': fmsId,
            media_url: `https://fms.example/photo/${fmsId}.full.jpeg`,
          })
        ).service_requests.request[0].service_request_id as string;
      const noise = await send('noise-residential', '901', 'Party music every night from the flat above');
      const graffiti = await send('graffiti', '902', 'Tag on the bridge');
      const harassment = await send('harassment', '903', 'Man shouting at me at the bus stop');
      assert.equal(
        await send('noise-residential', '901', 'Party music every night from the flat above'),
        noise,
      );
      assert.equal(new Set([noise, graffiti, harassment]).size, 3);
      assert.deepEqual(await poll(), []);

      // An officer publishes an update to the reporter, and writes an internal note that must not go out.
      const officer = new Client(t.app);
      await officer.signIn(DEMO.noiseOfficer);
      await officer.get(`/reports/${noise}`);
      let res = await officer.post(`/reports/${noise}/updates`, {
        stateCode: 'in-progress',
        text: 'An officer will visit this evening.',
        public: 'yes',
      });
      assert.equal(res.statusCode, 302, res.body);
      await officer.get(`/reports/${noise}`);
      res = await officer.post(`/reports/${noise}/updates`, {
        stateCode: 'in-progress',
        text: 'Internal: neighbour at no. 4 has complained before',
      });
      assert.equal(res.statusCode, 302);

      const nina = await t.deps.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', DEMO.noiseOfficer)
        .executeTakeFirstOrThrow();
      await officer.get(`/reports/${noise}`);
      assert.equal((await officer.post(`/reports/${noise}/assign`, { assignee: nina.id })).statusCode, 302);

      // FixMyStreet polls the updates (GetServiceRequestUpdates).
      const first = await poll();
      assert.equal(first.length, 1);
      assert.equal(first[0].service_request_id, noise);
      assert.equal(first[0].status, 'IN_PROGRESS');
      assert.equal(first[0].description, 'An officer will visit this evening.');
      assert.match(first[0].updated_datetime, W3C);
      assert.ok(first[0].update_id);
      assert.ok('media_url' in first[0]);
      assert.deepEqual(await poll(otherKey), [], 'another client sees nothing of these reports');

      // The resident comments on FixMyStreet; it is posted in (PostServiceRequestUpdates), twice.
      const comment = {
        service_request_id: noise,
        update_id: '7001',
        status: 'OPEN',
        description: 'Thank you. It started again at 11pm.\r\nStill going.',
        updated_datetime: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
        first_name: 'Robin',
        last_name: 'Resident',
        email: 'robin@example.com',
      };
      const posted = (await fmsPost('servicerequestupdates.xml', comment)).service_request_updates
        .request_update[0].update_id;
      assert.ok(posted);
      const again = (await fmsPost('servicerequestupdates.xml', comment)).service_request_updates
        .request_update[0].update_id;
      assert.equal(again, posted);
      const page = await officer.get(`/reports/${noise}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Comment from the reporter/);
      assert.match(page.body, /href="https:\/\/fms\.example\/photo\/901\.full\.jpeg"/);
      assert.match(page.body, /It started again at 11pm\.\nStill going\./);
      assert.equal((await poll()).length, 1, "the resident's comment is not sent back out");
      const mail = await t.deps.db
        .selectFrom('outbox')
        .select(['template', 'recipient', 'body'])
        .where(
          'related_id',
          '=',
          (
            await t.deps.db
              .selectFrom('reports')
              .select('id')
              .where('reference', '=', noise)
              .executeTakeFirstOrThrow()
          ).id,
        )
        .execute();
      const notices = mail.filter((m) => m.template === 'report-comment-received');
      assert.equal(notices.length, 1, 'the team hears of the comment once, not again for the retry');
      assert.equal(notices[0].recipient, DEMO.noiseOfficer);
      assert.ok(!notices[0].body.includes('11pm'), 'no comment text by email');
      assert.ok(
        !mail.some((m) => m.recipient === 'robin@example.com'),
        'FixMyStreet tells the resident; ASB Hub does not email them as well',
      );

      // The officer closes the report with a public update; the final poll shows CLOSED.
      res = await officer.post(`/reports/${noise}/updates`, {
        stateCode: 'resolved',
        text: 'We spoke to the neighbour and will monitor.',
        public: 'yes',
      });
      assert.equal(res.statusCode, 302);
      const last = await poll();
      assert.deepEqual(
        last.map((u) => u.status),
        ['IN_PROGRESS', 'CLOSED'],
      );
      assert.equal(last[1].service_request_id, noise);
      const status = (
        await fmsGet('requests.xml', { service_request_id: `${noise},${graffiti}`, api_key: key })
      ).service_requests.request as Record<string, string>[];
      assert.equal(status.find((r) => r.service_request_id === noise)!.status, 'closed');
      assert.equal(status.find((r) => r.service_request_id === graffiti)!.status, 'open');
      // The private report is there for its own client only.
      const own = (await fmsGet(`requests/${harassment}.xml`, { api_key: key })).service_requests.request[0];
      assert.equal(own.service_code, 'harassment');
      assert.equal((await t.app.inject({ url: `${endpoint}requests/${harassment}.xml` })).statusCode, 404);
    });
  });
}
