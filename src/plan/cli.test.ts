import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { systemClock } from '../platform/db/clock.js';
import { createLogger } from '../platform/log.js';
import { seedDemoPartnership } from '../partnership/demo.js';
import type { AppDeps } from '../platform/module.js';
import { registerPlanCli } from './cli.js';
import { PlanService } from './service.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-plan-cli-'));

/** Runs `asbhub plan ...` in-process against the database in DATA_DIR; returns what it printed. */
async function run(...args: string[]): Promise<string> {
  let out = '';
  const program = new Command('asbhub').exitOverride().configureOutput({ writeOut: (text) => (out += text) });
  registerPlanCli(program);
  await program.parseAsync(['node', 'asbhub', 'plan', ...args]);
  return out;
}

describe('asbhub plan export and import', () => {
  let handle: DatabaseHandle;
  const env = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };

  before(async () => {
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir });
    handle = openDatabase(config);
    await migrateToLatest(handle.db);
    const deps: AppDeps = {
      config,
      db: handle.db,
      dialect: handle.dialect,
      clock: systemClock,
      log: createLogger(config),
    };
    const demo = await seedDemoPartnership(deps, 7);
    await new PlanService(deps).loadCityPlan(demo.partnershipId);
  });
  after(async () => {
    await handle.close();
    if (env.DATA_DIR === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = env.DATA_DIR;
    if (env.DATABASE_URL !== undefined) process.env.DATABASE_URL = env.DATABASE_URL;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exports every format, and a dry run lists the changes of an edited file without writing them', async () => {
    for (const format of ['html', 'csv', 'ods', 'xlsx']) {
      const out = path.join(dir, `plan.${format}`);
      assert.match(await run('export', '--format', format, '--out', out), /Wrote the 2023 plan/);
      assert.ok(fs.statSync(out).size > 1000, format);
    }
    const xlsx = path.join(dir, 'plan.xlsx');
    assert.match(await run('import', xlsx, '--dry-run'), /No changes to the 2023 plan/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const row = wb.worksheets[0].getRow(11); // action 10
    assert.match(String(row.getCell(2).value), /^10\. /);
    row.getCell(6).value = 'Green';
    row.getCell(7).value = 'Monthly meetings running';
    const edited = path.join(dir, 'edited.xlsx');
    await wb.xlsx.writeFile(edited);
    const dry = await run('import', edited, '--dry-run');
    assert.match(dry, /Action 10, Status: Amber -> Green \(Monthly meetings running\)/);
    assert.match(dry, /1 changes found; nothing written \(dry run\)/);
    assert.match(await run('import', edited, '--dry-run'), /1 changes found/, 'the dry run wrote nothing');
    assert.match(await run('import', edited), /1 changes written to the 2023 plan/);
    assert.match(await run('import', edited), /No changes/);
  });

  it('refuses a file with an unknown action, naming the row, and a missing file', async () => {
    const csv = path.join(dir, 'plan.csv');
    await run('export', '--format', 'csv', '--out', csv);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, fs.readFileSync(csv, 'utf8').replace(/^Comms,("?)1\. Raise/m, 'Comms,$141. Raise'));
    await assert.rejects(run('import', bad), /Row 2: action 41 is not in this plan/);
    await assert.rejects(run('import', path.join(dir, 'none.xlsx')), /There is no file/);
    await assert.rejects(
      run('export', '--format', 'pdf', '--out', 'x'),
      /--format must be one of html, csv, xlsx, ods/,
    );
  });
});
