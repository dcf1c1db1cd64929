import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import XLSX from 'xlsx';
import { parse } from 'csv-parse/sync';
import { PDFParse } from 'pdf-parse';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { PlanService } from '../../src/plan/service.js';
import { PlanExchangeService } from '../../src/plan/exchange-service.js';
import { COLUMNS, exportPlan, tableRows } from '../../src/plan/exchange.js';
import { parseActionPlan } from '../../src/plan/parse.js';
import fs from 'node:fs';
import { CITY_PLAN_FILE } from '../../src/plan/service.js';

/** Posts one file as a multipart form with the client's cookies and CSRF token. */
function uploadFile(t: TestApp, c: Client, url: string, name: string, contents: Buffer) {
  const boundary = '----planTestBoundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    contents,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `${url}?_csrf=${encodeURIComponent(c.csrf)}`,
    headers: {
      cookie: (c as any).cookieHeader(),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
}

const CLI_ACTOR = (partnershipId: string) => ({
  id: null,
  name: 'Command line',
  label: 'cli',
  partnershipId,
});

async function xlsxRows(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => {
    rows.push(COLUMNS.map((_, i) => String(row.getCell(i + 1).value ?? '')));
  });
  return rows;
}

for (const dialect of testDialects()) {
  describe(`the partnership's action plan [${dialect}]`, () => {
    let t: TestApp;
    let planId: string;
    const idOf = async (number: number) =>
      (
        await t.deps.db
          .selectFrom('plan_actions')
          .select('id')
          .where('plan_id', '=', planId)
          .where('number', '=', number)
          .executeTakeFirstOrThrow()
      ).id;
    before(async () => {
      t = await startTestApp(dialect);
      planId = (await new PlanService(t.deps).loadCityPlan(t.demo.partnershipId)).id;
    });
    after(() => t.close());

    it('refuses a status change without a reason, then records it with one in the status history, audited', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.coordinator);
      const list = await c.get('/plan');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /<span class="app-stat">28<\/span> amber/);
      const id = await idOf(4);
      await c.get(`/plan/${id}`);
      const bad = await c.post(`/plan/${id}`, { rag: 'green', reason: '', note: 'Page live' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Give the reason for changing the status/);
      assert.match(bad.body, /Page live/, 'what was typed is kept');
      const nothing = await c.post(`/plan/${id}`, { rag: 'amber', reason: '', note: '' });
      assert.equal(nothing.statusCode, 400);
      assert.match(nothing.body, /Describe the progress, or change the status/);
      const ok = await c.post(`/plan/${id}`, {
        rag: 'green',
        reason: 'Case Review page and online form live',
        note: 'Online application opened in March',
      });
      assert.equal(ok.statusCode, 302);
      const page = await c.get(`/plan/${id}`);
      assert.match(page.body, /Amber: in progress to Green: complete/);
      assert.match(page.body, /Case Review page and online form live/);
      const history = await t.deps.db
        .selectFrom('plan_status_changes')
        .selectAll()
        .where('action_id', '=', id)
        .orderBy('changed_at')
        .execute();
      assert.deepEqual(
        history.map((h) => [h.from_rag, h.to_rag, h.reason, h.user_name]),
        [
          [null, 'amber', 'Plan loaded', null],
          ['amber', 'green', 'Case Review page and online form live', 'Cory Coordinator'],
        ],
      );
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select(['details', 'reason'])
        .where('action', '=', 'plan.updated')
        .where('subject_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(audit.reason, 'Case Review page and online form live');
      assert.deepEqual(JSON.parse(audit.details), { number: 4, from: 'amber', to: 'green', progress: true });
    });

    it('a lead officer updates their own action but no other; an officer without a lead cannot', async () => {
      const coordinator = new Client(t.app);
      await coordinator.signIn(DEMO.coordinator);
      const id = await idOf(18);
      await coordinator.get(`/plan/${id}`);
      const set = await coordinator.post(`/plan/${id}/details`, {
        owner: 'CoLC CCS CO & CoLP',
        leadOfficerId: t.demo.users[DEMO.cleansingOfficer],
        'targetDate-day': '31',
        'targetDate-month': '13',
        'targetDate-year': '2024',
      });
      assert.equal(set.statusCode, 400);
      assert.match(set.body, /The target date must be a real date/);
      const ok = await coordinator.post(`/plan/${id}/details`, {
        owner: 'CoLC CCS CO & CoLP',
        leadOfficerId: t.demo.users[DEMO.cleansingOfficer],
        'targetDate-day': '31',
        'targetDate-month': '12',
        'targetDate-year': '2024',
      });
      assert.equal(ok.statusCode, 302);
      const lead = new Client(t.app);
      await lead.signIn(DEMO.cleansingOfficer);
      const page = await lead.get(`/plan/${id}`);
      assert.match(page.body, /Save progress/);
      assert.match(page.body, /31 December 2024/);
      const r = await lead.post(`/plan/${id}`, {
        rag: 'green',
        reason: 'Joint removal process agreed',
        note: '',
      });
      assert.equal(r.statusCode, 302);
      const other = await idOf(19);
      const otherPage = await lead.get(`/plan/${other}`);
      assert.doesNotMatch(otherPage.body, /Save progress/);
      assert.equal(
        (await lead.post(`/plan/${other}`, { rag: 'red', reason: 'x', note: 'x' })).statusCode,
        403,
      );
    });

    it('exports the seed plan as XLSX, CSV, ODS and HTML that read back identically, and an unchanged file imports nothing', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.officer);
      const actions = await t.deps.db
        .selectFrom('plan_actions')
        .selectAll()
        .where('plan_id', '=', planId)
        .orderBy('number')
        .execute();
      const expected = [[...COLUMNS], ...tableRows(actions)];
      const seed = parseActionPlan(fs.readFileSync(CITY_PLAN_FILE, 'utf8'));
      const xlsx = await c.get('/plan/export?format=xlsx');
      assert.equal(xlsx.statusCode, 200);
      const fromXlsx = await xlsxRows(xlsx.rawPayload);
      assert.deepEqual(fromXlsx, expected);
      // The seed's own text survives: each action's number, title, owner, progress and impact.
      assert.deepEqual(
        fromXlsx.slice(1).map((r) => [r[0], r[1], r[2], r[4]]),
        seed.map((a) => [a.theme, `${a.number}. ${a.title}`, a.owner, a.impact]),
      );
      const csv = await c.get('/plan/export?format=csv');
      assert.deepEqual(parse(csv.rawPayload, { bom: true }), expected);
      const ods = await c.get('/plan/export?format=ods');
      assert.equal(ods.headers['content-type'], 'application/vnd.oasis.opendocument.spreadsheet');
      const wb = XLSX.read(ods.rawPayload, { type: 'buffer' });
      assert.equal(wb.SheetNames[0], 'Action plan 2023');
      const odsRows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]], {
        header: 1,
        raw: false,
        defval: '',
      });
      assert.deepEqual(odsRows, expected);
      const html = await c.get('/plan/export?format=html');
      assert.match(html.body, /<th scope="col">Impact and Outcome<\/th>/);
      assert.equal((html.body.match(/<tr>/g) ?? []).length, 29);

      const exchange = new PlanExchangeService(t.deps);
      for (const [name, body] of [
        ['plan.xlsx', xlsx.rawPayload],
        ['plan.csv', csv.rawPayload],
      ] as const) {
        const r = await exchange.import(CLI_ACTOR(t.demo.partnershipId), { name, contents: body });
        assert.deepEqual(r.errors, [], name);
        assert.deepEqual(r.changes, [], name);
      }
    });

    it('an edited spreadsheet lists each change by action number and writes nothing until confirmed', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.coordinator);
      const file = await c.get('/plan/export?format=xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      const rowOf = (n: number) => {
        let found = 0;
        ws.eachRow((row, i) => {
          if (String(row.getCell(2).value).startsWith(`${n}. `)) found = i;
        });
        return ws.getRow(found);
      };
      rowOf(8).getCell(4).value = 'Funding found; new command and control system ordered';
      rowOf(8).getCell(6).value = 'Red';
      rowOf(8).getCell(7).value = 'Waiting for the new command and control system';
      rowOf(21).getCell(3).value = 'CoLC CCS & Outreach';
      const edited = Buffer.from(await wb.xlsx.writeBuffer());
      await c.get('/plan/import');
      const dry = await uploadFile(t, c, '/plan/import', 'edited.xlsx', edited);
      assert.equal(dry.statusCode, 302);
      const check = await c.get(dry.headers.location as string);
      const main = /<main[\s\S]*<\/main>/.exec(check.body)![0];
      assert.match(main, /These 3 changes/);
      assert.match(main, /Red: not complete\. Reason: Waiting for the new command and control system/);
      const before8 = await t.deps.db
        .selectFrom('plan_actions')
        .selectAll()
        .where('id', '=', await idOf(8))
        .executeTakeFirstOrThrow();
      assert.equal(before8.rag, 'amber');
      assert.doesNotMatch(before8.progress, /Funding found/, 'nothing written by the dry run');
      const confirm = await c.post(dry.headers.location as string, {});
      assert.equal(confirm.statusCode, 302);
      const after8 = await t.deps.db
        .selectFrom('plan_actions')
        .selectAll()
        .where('id', '=', before8.id)
        .executeTakeFirstOrThrow();
      assert.equal(after8.progress, 'Funding found; new command and control system ordered');
      assert.equal(after8.rag, 'red');
      assert.equal(after8.rag_reason, 'Waiting for the new command and control system');
      const owner21 = await t.deps.db
        .selectFrom('plan_actions')
        .select('owner')
        .where('id', '=', await idOf(21))
        .executeTakeFirstOrThrow();
      assert.equal(owner21.owner, 'CoLC CCS & Outreach');
      // A confirmed import cannot be applied twice.
      assert.equal((await c.post(dry.headers.location as string, {})).statusCode, 404);
    });

    it('refuses unknown actions, a changed theme and unreadable cells with each row named, writing nothing', async () => {
      const exchange = new PlanExchangeService(t.deps);
      const actions = await t.deps.db
        .selectFrom('plan_actions')
        .selectAll()
        .where('plan_id', '=', planId)
        .orderBy('number')
        .execute();
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Plan');
      ws.addRow([...COLUMNS]);
      for (const r of tableRows(actions)) ws.addRow(r);
      ws.addRow(['Process', '31. A new action', 'TC', 'x', 'y', 'Red', '']);
      ws.getRow(2).getCell(1).value = 'Communications';
      ws.getRow(5).getCell(6).value = { error: '#REF!' } as ExcelJS.CellErrorValue;
      ws.getRow(7).getCell(6).value = 'Purple';
      const r = await exchange.import(CLI_ACTOR(t.demo.partnershipId), {
        name: 'bad.xlsx',
        contents: Buffer.from(await wb.xlsx.writeBuffer()),
      });
      assert.deepEqual(r.changes, []);
      assert.ok(r.errors.includes('Row 5, Status: the cell holds an error (#REF!)'), r.errors.join('\n'));
      assert.equal(r.errors.length, 1, 'an unreadable cell stops the comparison');
      ws.getRow(5).getCell(6).value = 'Amber';
      const r2 = await exchange.import(CLI_ACTOR(t.demo.partnershipId), {
        name: 'bad.xlsx',
        contents: Buffer.from(await wb.xlsx.writeBuffer()),
      });
      assert.ok(
        r2.errors.some((e) => e.startsWith('Row 2: action 1 is under theme "Communications"')),
        r2.errors.join('\n'),
      );
      assert.ok(r2.errors.includes('Row 7: the Status must be Red, Amber or Green, not "Purple"'));
      assert.ok(r2.errors.includes('Row 30: action 31 is not in this plan (import cannot add actions)'));
      assert.ok(r2.errors.some((e) => e.startsWith('The themes changed: "Communications"')));
      assert.equal(r2.importId, null);
      const pending = await t.deps.db
        .selectFrom('plan_imports')
        .select('id')
        .where('file_name', '=', 'bad.xlsx')
        .execute();
      assert.equal(pending.length, 0);
    });

    it('a plan with no actions still exports valid files', async () => {
      const plan = {
        id: 'p',
        partnership_id: 'x',
        year: 2030,
        title: 'Action plan 2030',
        themes: '[]',
        copied_from: null,
        created_at: '2030-01-01T00:00:00.000Z',
      };
      assert.deepEqual(await xlsxRows(await exportPlan('xlsx', plan, 'Demo', [])), [[...COLUMNS]]);
      assert.deepEqual(parse(await exportPlan('csv', plan, 'Demo', []), { bom: true }), [[...COLUMNS]]);
      const ods = XLSX.read(await exportPlan('ods', plan, 'Demo', []), { type: 'buffer' });
      assert.deepEqual(XLSX.utils.sheet_to_json(ods.Sheets[ods.SheetNames[0]], { header: 1 }), [
        [...COLUMNS],
      ]);
      assert.match((await exportPlan('html', plan, 'Demo', [])).toString(), /The plan has no actions yet/);
    });

    it('the board report lists changes since the last board, as a page and a PDF', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.coordinator);
      await c.get('/plan/board');
      const today = new Date(t.deps.clock.now()).toISOString().slice(0, 10);
      const yesterday = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10).split('-');
      const bad = await c.post('/plan/board/meetings', {
        'metOn-day': '',
        'metOn-month': '',
        'metOn-year': '',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the date the board met/);
      const rec = await c.post('/plan/board/meetings', {
        'metOn-day': yesterday[2],
        'metOn-month': yesterday[1],
        'metOn-year': yesterday[0],
      });
      assert.equal(rec.statusCode, 302);
      const id = await idOf(12);
      await c.get(`/plan/${id}`);
      await c.post(`/plan/${id}`, { rag: 'red', reason: 'New call system delayed to next year', note: '' });
      const page = await c.get('/plan/board');
      assert.match(page.body, /Changed since the board of/);
      assert.match(page.body, /12\. Identify repeat victims through analysis/);
      assert.match(page.body, /New call system delayed to next year/);
      const pdf = await c.get('/plan/board?format=pdf');
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const text = (await new PDFParse({ data: new Uint8Array(pdf.rawPayload) }).getText()).text;
      assert.match(text, /Status changes since the board of/);
      assert.match(text, /New call system delayed to next year/);
      assert.match(text, /Comms: 5 actions/);
    });

    it("starts next year's plan with the open actions carried over", async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.coordinator);
      await c.get('/plan');
      const r = await c.post(`/plan/years/${planId}/next`, {});
      assert.equal(r.statusCode, 302);
      const next = await t.deps.db
        .selectFrom('plans')
        .selectAll()
        .where('year', '=', 2024)
        .executeTakeFirstOrThrow();
      const carried = await t.deps.db
        .selectFrom('plan_actions')
        .selectAll()
        .where('plan_id', '=', next.id)
        .execute();
      const open = await t.deps.db
        .selectFrom('plan_actions')
        .select('number')
        .where('plan_id', '=', planId)
        .where('rag', '!=', 'green')
        .orderBy('number')
        .execute();
      assert.deepEqual(
        carried.map((a) => a.number).sort((a, b) => a - b),
        open.map((a) => a.number),
      );
      assert.ok(!carried.some((a) => a.number === 4), 'the green action 4 stays in 2023');
      assert.equal(
        next.themes,
        (
          await t.deps.db
            .selectFrom('plans')
            .select('themes')
            .where('id', '=', planId)
            .executeTakeFirstOrThrow()
        ).themes,
      );
      assert.equal((await c.post(`/plan/years/${planId}/next`, {})).statusCode, 409);
      const list = await c.get('/plan');
      assert.match(list.body, /Action plan 2024/);
    });
  });
}
