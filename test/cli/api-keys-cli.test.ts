import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { systemClock } from '../../src/platform/db/clock.js';
import { createLogger } from '../../src/platform/log.js';
import { CliError } from '../../src/platform/cli-error.js';
import { seedDemoPartnership } from '../../src/partnership/demo.js';
import type { AppDeps } from '../../src/platform/module.js';
import { registerApiKeysCli } from '../../src/reports/api/cli.js';
import { ApiKeyService } from '../../src/reports/api/keys.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-api-keys-cli-'));

/** Runs `asbhub api-keys ...` in-process against the SQLite database in DATA_DIR; returns what it printed. */
async function run(...args: string[]): Promise<string> {
  let out = '';
  const program = new Command('asbhub').exitOverride().configureOutput({ writeOut: (text) => (out += text) });
  registerApiKeysCli(program);
  await program.parseAsync(['node', 'asbhub', 'api-keys', ...args]);
  return out;
}

describe('asbhub api-keys', () => {
  let handle: DatabaseHandle;
  let deps: AppDeps;
  let code: string;
  const env = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };

  before(async () => {
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir });
    handle = openDatabase(config);
    await migrateToLatest(handle.db);
    deps = { config, db: handle.db, dialect: handle.dialect, clock: systemClock, log: createLogger(config) };
    const demo = await seedDemoPartnership(deps, 7);
    code = (
      await handle.db
        .selectFrom('partnerships')
        .select('code')
        .where('id', '=', demo.partnershipId)
        .executeTakeFirstOrThrow()
    ).code;
  });
  after(async () => {
    await handle.close();
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('adds a key (printed once, --json gives {key}), lists it and revokes it', async () => {
    const made = JSON.parse(await run('add', '--name', 'FixMyStreet', '--partnership', code, '--json'));
    assert.match(made.key, /^asbh_[0-9a-f]{8}_/);
    const keys = new ApiKeyService(deps);
    const live = await keys.authenticate(made.key);
    assert.equal(live?.name, 'FixMyStreet');
    const text = await run('add', '--name', 'Council CRM', '--partnership', code, '--rate', '30');
    assert.match(text, /asbh_[0-9a-f]{8}_\S+/);
    assert.match(text, /not shown again/);

    const listed = JSON.parse(await run('list', '--partnership', code, '--json'));
    assert.deepEqual(listed.map((k: any) => k.name).sort(), ['Council CRM', 'FixMyStreet']);
    assert.ok(!JSON.stringify(listed).includes(made.key), 'the list never shows a key');
    assert.match(await run('list', '--partnership', code), /FixMyStreet {2}120\/min {2}last used/);

    const prefix = made.key.split('_')[1];
    assert.match(await run('revoke', prefix, '--partnership', code), /^Revoked /);
    // (A running server notices within its 10-second key cache; the row is revoked at once.)
    const row = await handle.db
      .selectFrom('partner_api_keys')
      .select('revoked_at')
      .where('key_prefix', '=', prefix)
      .executeTakeFirstOrThrow();
    assert.ok(row.revoked_at);
    await assert.rejects(run('revoke', prefix, '--partnership', code), CliError);
    await assert.rejects(
      run('add', '--name', 'X', '--partnership', 'NOPE'),
      /no partnership with the code NOPE/,
    );
    await assert.rejects(
      run('add', '--name', 'X', '--partnership', code, '--rate', 'lots'),
      /--rate must be/,
    );
    const audit = await handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'api-key')
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), [
      'api-key.created',
      'api-key.created',
      'api-key.revoked',
    ]);
  });
});
