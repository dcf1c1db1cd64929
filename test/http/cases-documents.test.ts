/**
 * Documents on a case: type and size checks, storage outside the web root, download only for
 * permitted users, every download audited, removal as a redaction.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { todayInLondon } from '../../src/platform/dates/calendar-date.js';
import { AuditService } from '../../src/platform/audit/service.js';

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
};

/** Posts a multipart form as the client (with its cookies and the CSRF token of its last page). */
async function upload(
  t: TestApp,
  c: Client,
  url: string,
  fields: Record<string, string>,
  file: { name: string; contents: Buffer; type?: string } | null,
) {
  const boundary = '----casesTestBoundary' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(file.contents, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url: `${url}?_csrf=${encodeURIComponent(c.csrf)}`,
    headers: {
      cookie: (c as any).cookieHeader(),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
}

for (const dialect of testDialects()) {
  describe(`case documents [${dialect}]`, () => {
    let t: TestApp;
    let officer: Client;
    let caseId = '';
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.from('1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
    ]);

    before(async () => {
      t = await startTestApp(dialect);
      officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
      await officer.get('/cases/new');
      const res = await officer.post('/cases/new', {
        title: 'Graffiti on the Barbican highwalk',
        caseType: 'environmental',
        summary: 'Tags sprayed repeatedly',
        leadTeamId: t.demo.teams.CCS,
        ...date('openedOn', todayInLondon(new Date())),
      });
      caseId = (res.headers.location as string).split('/').pop()!;
    });
    after(() => t.close());

    it('attaches a PDF, stores it outside the web root and audits each download', async () => {
      await officer.get(`/cases/${caseId}/documents`);
      const res = await upload(
        t,
        officer,
        `/cases/${caseId}/documents`,
        { category: 'statement', description: 'Witness statement' },
        { name: 'statement.pdf', contents: pdf },
      );
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const doc = await t.deps.db
        .selectFrom('case_documents')
        .selectAll()
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      assert.equal(doc.mime, 'application/pdf');
      assert.equal(doc.size, pdf.length);
      const stored = path.join(
        t.deps.config.uploadDir,
        'cases',
        t.demo.partnershipId,
        caseId,
        doc.stored_name,
      );
      assert.deepEqual(fs.readFileSync(stored), pdf);
      assert.ok(!stored.startsWith(path.resolve('public')), 'not under the web root');
      assert.equal((await officer.get(`/assets/app/${doc.stored_name}`)).statusCode, 404);

      const list = await officer.get(`/cases/${caseId}/documents`);
      assert.match(list.body, /statement\.pdf/);
      const dl = await officer.get(`/cases/${caseId}/documents/${doc.id}`);
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.headers['content-type'], 'application/pdf');
      assert.match(String(dl.headers['content-disposition']), /^attachment; filename="statement.pdf"/);
      assert.equal(dl.headers['x-content-type-options'], 'nosniff');
      assert.deepEqual(dl.rawPayload, pdf);
      const entries = await new AuditService(t.deps.db, t.deps.dialect, t.deps.clock).search({
        partnershipId: t.demo.partnershipId,
        action: 'case.document-downloaded',
        subjectId: caseId,
      });
      assert.equal(entries.length, 1);
      assert.equal(JSON.parse(entries[0].details).documentId, doc.id);
    });

    it('refuses a renamed executable, markup, an empty form and a file over 10 MB, naming the problem', async () => {
      await officer.get(`/cases/${caseId}/documents`);
      const exe = await upload(
        t,
        officer,
        `/cases/${caseId}/documents`,
        { category: 'evidence' },
        { name: 'photo.pdf', contents: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) },
      );
      assert.equal(exe.statusCode, 400);
      assert.match(exe.body, /The file must be a PDF, JPEG, PNG/);
      const html = await upload(
        t,
        officer,
        `/cases/${caseId}/documents`,
        { category: 'evidence' },
        { name: 'notes.txt', contents: Buffer.from('<html><script>alert(1)</script></html>') },
      );
      assert.equal(html.statusCode, 400);
      const none = await upload(t, officer, `/cases/${caseId}/documents`, { category: 'evidence' }, null);
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Select a file to attach/);
      const noKind = await upload(
        t,
        officer,
        `/cases/${caseId}/documents`,
        {},
        { name: 's.pdf', contents: pdf },
      );
      assert.equal(noKind.statusCode, 400);
      assert.match(noKind.body, /Choose what kind of document this is/);
      const big = await upload(
        t,
        officer,
        `/cases/${caseId}/documents`,
        { category: 'evidence' },
        { name: 'big.pdf', contents: Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]) },
      );
      assert.equal(big.statusCode, 413);
      assert.match(big.body, /The file must be smaller than 10 MB/);
      const count = await t.deps.db
        .selectFrom('case_documents')
        .select('id')
        .where('case_id', '=', caseId)
        .execute();
      assert.equal(count.length, 1, 'nothing stored for a refused upload');
    });

    it('serves documents only to permitted users', async () => {
      const doc = await t.deps.db
        .selectFrom('case_documents')
        .selectAll()
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      const noise = new Client(t.app);
      await noise.signIn(DEMO.noiseOfficer);
      const other = await noise.get(`/cases/${caseId}/documents/${doc.id}`);
      assert.equal(other.statusCode, 403);
      assert.ok(!other.rawPayload.includes(Buffer.from('%PDF')));
      // Shared without sensitive details: the partner cannot download it either.
      await officer.get(`/cases/${caseId}/sharing`);
      await officer.post(`/cases/${caseId}/sharing`, {
        agencyId: t.demo.agencies.OUTREACH,
        reason: 'Outreach support for the estate clean-up',
        includeSensitive: 'no',
      });
      const partner = new Client(t.app);
      await partner.signIn(DEMO.partner);
      assert.equal((await partner.get(`/cases/${caseId}`)).statusCode, 200);
      const res = await partner.get(`/cases/${caseId}/documents/${doc.id}`);
      assert.equal(res.statusCode, 403);
      const list = await partner.get(`/cases/${caseId}/documents`);
      assert.doesNotMatch(list.body, /statement\.pdf/);
    });

    it('removes a document with a reason, deleting the file and keeping the record', async () => {
      const doc = await t.deps.db
        .selectFrom('case_documents')
        .selectAll()
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      await officer.get(`/cases/${caseId}/documents`);
      const res = await officer.post(`/cases/${caseId}/documents/${doc.id}/remove`, {
        reason: 'Uploaded to the wrong case',
      });
      assert.equal(res.statusCode, 303);
      const row = await t.deps.db
        .selectFrom('case_documents')
        .selectAll()
        .where('id', '=', doc.id)
        .executeTakeFirstOrThrow();
      assert.ok(row.deleted_at);
      assert.ok(
        !fs.existsSync(
          path.join(t.deps.config.uploadDir, 'cases', t.demo.partnershipId, caseId, doc.stored_name),
        ),
      );
      assert.equal((await officer.get(`/cases/${caseId}/documents/${doc.id}`)).statusCode, 404);
    });
  });
}
