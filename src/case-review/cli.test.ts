import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { systemClock } from '../platform/db/clock.js';
import { createLogger } from '../platform/log.js';
import { UserRepository } from '../platform/auth/users.js';
import { CliError } from '../platform/cli-error.js';
import { seedDemoPartnership } from '../partnership/demo.js';
import type { AppDeps } from '../platform/module.js';
import { registerCaseReviewCli } from './cli.js';
import { createServices } from '../composition.js';
import type { ApplicationInput } from './schemas.js';
import type { Actor } from './context.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-case-review-cli-'));

function application(
  receivedOn: string,
  name: string,
  over: Partial<ApplicationInput> = {},
): ApplicationInput {
  return {
    channel: 'phone',
    receivedOn,
    applicantKind: 'victim',
    victimType: 'person',
    victim: { name, organisation: null, address: null, postcode: null, email: null, phone: null },
    problem: {
      description: 'Noise',
      location: 'Golden Lane Estate',
      postcode: null,
      startedMonth: null,
      hateRelated: false,
      hateDetails: null,
    },
    reported: [],
    contact: {
      applicant: null,
      email: `${name.split(' ')[0].toLowerCase()}@example.com`,
      phone: null,
      address: null,
      postcode: null,
      method: 'email',
      supportNeeds: [],
      supportDetails: null,
    },
    consent: null,
    ...over,
  };
}

/** Runs `asbhub case-review ...` in-process against the database in DATA_DIR; returns what it printed. */
async function run(...args: string[]): Promise<string> {
  let out = '';
  const program = new Command('asbhub').exitOverride().configureOutput({ writeOut: (text) => (out += text) });
  registerCaseReviewCli(program);
  await program.parseAsync(['node', 'asbhub', 'case-review', ...args]);
  return out;
}

describe('asbhub case-review stats', () => {
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
    const user = (await new UserRepository(deps.db, deps.clock).current(
      demo.users['coordinator@demo.asbhub.example'],
    ))!;
    const actor: Actor = { user };
    const { caseReviews: s, threshold, review } = createServices(deps).caseReview;
    const pid = demo.partnershipId;

    const a = await s.submit(pid, application('2026-05-04', 'Alice Able'), actor);
    await s.acknowledge(actor, a.id, '2026-05-05', user.name);
    await threshold.decide(actor, a.id, {
      on: '2026-05-08',
      met: false,
      reasons: 'One qualifying complaint',
      reviewAnyway: false,
    });

    const b = await s.submit(pid, application('2026-05-05', 'Ben Baker'), actor);
    await s.acknowledge(actor, b.id, '2026-05-06', user.name);
    await threshold.decide(actor, b.id, {
      on: '2026-05-07',
      met: true,
      reasons: 'Three complaints',
      reviewAnyway: false,
    });
    await review.panel(actor, b.id, {
      on: '2026-05-08',
      panelOn: '2026-05-14',
      location: null,
      members: [{ name: 'P', organisation: null, role: 'member', independent: false }],
    });
    await review.recordRecommendations(actor, b.id, {
      on: '2026-05-14',
      items: [{ text: 'Patrols', owner: 'Police', dueOn: '2026-06-14' }],
      noRecommendationsReason: null,
    });

    const c = await s.submit(pid, application('2026-05-06', 'Cara Cole'), actor);
    await s.acknowledge(actor, c.id, '2026-05-07', user.name);
    await threshold.decide(actor, c.id, {
      on: '2026-05-08',
      met: true,
      reasons: 'Three complaints',
      reviewAnyway: false,
    });
    await review.panel(actor, c.id, {
      on: '2026-05-08',
      panelOn: '2026-05-20',
      location: null,
      members: [{ name: 'P', organisation: null, role: 'member', independent: false }],
    });
    await review.recordRecommendations(actor, c.id, {
      on: '2026-05-20',
      items: [],
      noRecommendationsReason: 'The response was right',
    });

    const d = await s.submit(pid, application('2026-05-10', 'Alice Able'), actor); // the same victim and place as A
    assert.equal(d.duplicateOf, a.reference);
    await s.submit(pid, application('2026-07-01', 'Dev Dunn'), actor); // outside the period
    const held = await s.submit(
      pid,
      application('2026-05-12', 'Eve Elder', {
        applicantKind: 'on-behalf',
        contact: {
          ...application('2026-05-12', 'Fay Friend').contact,
          applicant: { name: 'Fay Friend', relationship: 'Daughter', organisation: null },
        },
      }),
      actor,
    );
    assert.equal(held.heldForConsent, true); // not counted until consent arrives
  });

  after(async () => {
    await handle.close();
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints exactly the four figures as JSON', async () => {
    const out = await run('stats', '--from', '2026-05-01', '--to', '2026-06-30', '--json');
    assert.equal(
      out,
      '{"applications":3,"thresholdNotMet":1,"reviewsCarriedOut":2,"reviewsWithRecommendations":1}\n',
    );
  });

  it('counts events on the day they happened, including both ends of the period', async () => {
    assert.deepEqual(JSON.parse(await run('stats', '--from', '2026-05-14', '--to', '2026-05-14', '--json')), {
      applications: 0,
      thresholdNotMet: 0,
      reviewsCarriedOut: 1,
      reviewsWithRecommendations: 1,
    });
    assert.deepEqual(JSON.parse(await run('stats', '--from', '2026-05-04', '--to', '2026-05-04', '--json')), {
      applications: 1,
      thresholdNotMet: 0,
      reviewsCarriedOut: 0,
      reviewsWithRecommendations: 0,
    });
  });

  it('prints a table without --json', async () => {
    const out = await run('stats', '--from', '2026-05-01', '--to', '2026-06-30');
    assert.match(out, /Applications received\s+3\n/);
    assert.match(out, /Times the threshold was not met\s+1\n/);
  });

  it('names bad dates and a period in the wrong order', async () => {
    await assert.rejects(
      run('stats', '--from', '2026-02-30', '--to', '2026-06-30'),
      (e: unknown) =>
        e instanceof CliError &&
        /--from must be a real date written YYYY-MM-DD, got "2026-02-30"/.test(e.message),
    );
    await assert.rejects(
      run('stats', '--from', '2026-06-30', '--to', '2026-05-01'),
      (e: unknown) =>
        e instanceof CliError &&
        /--to \(2026-05-01\) must be the same as or after --from \(2026-06-30\)/.test(e.message),
    );
  });

  it('works as a command, with exit code 2 on bad input', async () => {
    const exec = promisify(execFile);
    const opts = { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, cwd: process.cwd() };
    const { stdout } = await exec(
      process.execPath,
      ['bin/asbhub.js', 'case-review', 'stats', '--from', '2026-05-01', '--to', '2026-06-30', '--json'],
      opts,
    );
    assert.equal(
      stdout,
      '{"applications":3,"thresholdNotMet":1,"reviewsCarriedOut":2,"reviewsWithRecommendations":1}\n',
    );
    await assert.rejects(
      exec(
        process.execPath,
        ['bin/asbhub.js', 'case-review', 'stats', '--from', '2026-06-30', '--to', '2026-05-01'],
        opts,
      ),
      (e: { code?: number; stderr?: string }) =>
        e.code === 2 && /must be the same as or after/.test(e.stderr ?? ''),
    );
  });
});
