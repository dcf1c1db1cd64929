import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { testDialects } from '../helpers/db.js';
import type { Dialect } from '../../src/platform/db/database.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of this test run without anything that would point the command elsewhere. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) {
    if (
      /^(DATABASE_URL|SQLITE_FILE|DATA_DIR|SESSION_SECRET|PORT|BASE_URL|LOG_LEVEL|OIDC_.*|PARTNERSHIP_CODE|ASBHUB_PASSWORD)$/.test(
        k,
      )
    )
      delete env[k];
  }
  return { ...env, NODE_ENV: 'test', ...extra };
}

/** Runs `node bin/asbhub.js ...args` as an operator would. */
function asbhub(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/asbhub.js', ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const show = (r: Run) => `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

/** Runs the jobs a few at a time: every command loads the whole app, which is heavy on a small machine. */
async function inBatches<T>(jobs: (() => Promise<T>)[], size: number): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < jobs.length; i += size)
    out.push(...(await Promise.all(jobs.slice(i, i + size).map((j) => j()))));
  return out;
}

/** A database of one dialect that only these commands use: a temp SQLite file or a PostgreSQL schema. */
interface Target {
  env: NodeJS.ProcessEnv;
  query<T>(sqlText: string, params?: unknown[]): Promise<T[]>;
  run(sqlText: string, params?: unknown[]): Promise<void>;
  dispose(): Promise<void>;
}

async function makeTarget(dialect: Dialect, dir: string): Promise<Target> {
  if (dialect === 'sqlite') {
    const file = path.join(dir, 'hub.sqlite');
    const open = () => new SQLite(file);
    return {
      env: cleanEnv({ DATA_DIR: dir, SQLITE_FILE: file }),
      query: async <T>(q: string, params: unknown[] = []) => {
        const db = open();
        try {
          return db.prepare(q).all(...params) as T[];
        } finally {
          db.close();
        }
      },
      run: async (q, params = []) => {
        const db = open();
        try {
          db.prepare(q).run(...params);
        } finally {
          db.close();
        }
      },
      dispose: async () => {},
    };
  }
  const url = process.env.DATABASE_URL!;
  const schema = `cli_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const sep = url.includes('?') ? '&' : '?';
  // A numbered parameter per ? so the same statements work on both databases.
  const numbered = (q: string) => {
    let i = 0;
    return q.replace(/\?/g, () => `$${++i}`);
  };
  return {
    env: cleanEnv({
      DATA_DIR: dir,
      DATABASE_URL: `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    }),
    query: async <T>(q: string, params: unknown[] = []) =>
      (await client.query(numbered(q), params)).rows as T[],
    run: async (q, params = []) => {
      await client.query(numbered(q), params);
    },
    dispose: async () => {
      await client.end();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}

describe('asbhub command line', { concurrency: true }, () => {
  it('prints help for each platform command and exits 0', async () => {
    const commands = [
      [],
      ['serve'],
      ['migrate'],
      ['seed'],
      ['users', 'add'],
      ['audit', 'verify'],
      ['backup'],
    ];
    const runs = await inBatches(
      commands.map((c) => () => asbhub([...c, '--help'], cleanEnv({ DATA_DIR: os.tmpdir() }))),
      3,
    );
    runs.forEach((r, i) => {
      assert.equal(r.code, 0, `${commands[i].join(' ')} --help: ${show(r)}`);
      assert.match(r.stdout, new RegExp(`^Usage: asbhub ${commands[i].join(' ')}`), show(r));
    });
    assert.match(runs[4].stdout, /--role <role>/);
    assert.match(runs[4].stdout, /--team <code>/);
  });

  for (const dialect of testDialects()) {
    describe(`operator commands [${dialect}]`, { concurrency: 1 }, () => {
      let dir: string;
      let target: Target;
      const run = (...args: string[]) => asbhub(args, target.env);
      const count = async (table: string) =>
        Number((await target.query<{ n: number }>(`select count(*) as n from ${table}`))[0].n);

      before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-cli-'));
        target = await makeTarget(dialect, dir);
      });
      after(async () => {
        await target?.dispose();
        fs.rmSync(dir, { recursive: true, force: true });
      });

      it('migrate creates the tables, and says which database', async () => {
        const r = await run('migrate');
        assert.equal(r.code, 0, show(r));
        assert.match(r.stdout, new RegExp(`Database \\(${dialect}\\) is up to date`));
        assert.ok((await count('kysely_migration')) > 0);
        assert.equal(await count('users'), 0);
      });

      it('seed loads the City of London partnership with no accounts, once', async () => {
        const r = await run('seed');
        assert.equal(r.code, 0, show(r));
        assert.match(r.stdout, /City of London partnership, agencies and teams loaded/);
        assert.equal(await count('partnerships'), 1);
        assert.ok((await count('teams')) >= 10);
        assert.equal(await count('users'), 0);
      });

      it('users add refuses bad input with exit code 2 and a message naming the option', async () => {
        const base = ['users', 'add', '--email', 'bad.input@example.gov.uk', '--name', 'Bad Input'];
        const team = await run(
          ...base,
          '--role',
          'officer',
          '--team',
          'NOPE',
          '--password',
          'long-enough-password',
        );
        assert.equal(team.code, 2, show(team));
        assert.match(team.stderr, /--team: no team with code NOPE/);
        assert.equal(await count('users'), 0);
        // These are refused before the database is opened, so once is enough.
        if (dialect !== 'sqlite') return;
        const [role, password, email] = await Promise.all([
          run(...base, '--role', 'emperor', '--team', 'CCS', '--password', 'long-enough-password'),
          run(...base, '--role', 'officer', '--team', 'CCS', '--password', 'short'),
          run(
            'users',
            'add',
            '--email',
            'not-an-email',
            '--name',
            'X',
            '--role',
            'officer',
            '--team',
            'CCS',
            '--password',
            'long-enough-password',
          ),
        ]);
        assert.equal(role.code, 2, show(role));
        assert.match(role.stderr, /--role must be one of: .*officer/);
        assert.equal(password.code, 2, show(password));
        assert.match(password.stderr, /--password: Password must be 12 characters or more/);
        assert.equal(email.code, 2, show(email));
        assert.match(email.stderr, /--email must be an email address/);
        assert.equal(await count('users'), 0);
        assert.equal(await count('audit_log'), 0);
      });

      it('users add adds accounts and audits each in one chain', async () => {
        const people = [
          { email: 'ada.admin@example.gov.uk', role: 'administrator', team: 'TC' },
          { email: 'oscar.officer@example.gov.uk', role: 'officer', team: 'CCS' },
          { email: 'pc.police@example.gov.uk', role: 'officer', team: 'COLP-LP' },
        ];
        // One after another: concurrent writers to one SQLite file are the subject of concurrent-writers.test.ts.
        for (const p of people) {
          const r = await run(
            'users',
            'add',
            '--email',
            p.email,
            '--name',
            'Someone',
            '--role',
            p.role,
            '--team',
            p.team,
            '--password',
            'a-long-password-2026',
          );
          assert.equal(r.code, 0, show(r));
          assert.match(r.stdout, new RegExp(`Added ${p.email}`));
        }
        const users = await target.query<{
          email: string;
          role: string;
          team: string;
          password_hash: string;
        }>(
          'select u.email, u.role, t.code as team, u.password_hash from users u join teams t on t.id = u.team_id order by u.email',
        );
        assert.deepEqual(
          users.map(({ email, role, team }) => ({ email, role, team })),
          [...people].sort((a, b) => a.email.localeCompare(b.email)),
        );
        for (const u of users) assert.match(u.password_hash, /^\$argon2id\$/);
        const audit = await target.query<{ seq: number; action: string }>(
          'select seq, action from audit_log order by seq',
        );
        assert.deepEqual(
          audit.map((a) => [Number(a.seq), a.action]),
          [
            [1, 'user.added'],
            [2, 'user.added'],
            [3, 'user.added'],
          ],
        );
      });

      it('audit verify passes on the intact chain; backup makes a copy holding the same users; an email is added once', async () => {
        const copy = path.join(dir, 'backups', 'copy.sqlite');
        const [verify, backup, again] = await Promise.all([
          run('audit', 'verify'),
          run('backup', copy),
          run(
            'users',
            'add',
            '--email',
            'OSCAR.officer@example.gov.uk',
            '--name',
            'Twice',
            '--role',
            'officer',
            '--team',
            'CCS',
            '--password',
            'a-long-password-2026',
          ),
        ]);
        assert.equal(again.code, 2, show(again));
        assert.match(again.stderr, /already exists/);
        assert.equal(verify.code, 0, show(verify));
        assert.match(verify.stdout, /Audit log intact: 3 entries verified/);
        assert.equal(backup.code, 0, show(backup));
        if (dialect === 'postgres') {
          assert.match(backup.stdout, /pg_dump --format=custom/);
          return;
        }
        assert.match(backup.stdout, /Backed up .* \(\d+ bytes\)/);
        const db = new SQLite(copy, { readonly: true });
        try {
          const copied = db.prepare('select email, role from users order by email').all();
          assert.deepEqual(copied, await target.query('select email, role from users order by email'));
          assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
        } finally {
          db.close();
        }
      });

      it('audit verify exits 1 naming the entry whose details were changed; backup will not overwrite', async () => {
        await target.run('update audit_log set details = ? where seq = ?', [
          JSON.stringify({ role: 'administrator' }),
          2,
        ]);
        const copy = path.join(dir, 'backups', 'copy.sqlite');
        const [r, over] = await Promise.all([
          run('audit', 'verify'),
          dialect === 'sqlite' ? run('backup', copy) : null,
        ]);
        if (over) {
          assert.equal(over.code, 2, show(over));
          assert.match(over.stderr, /already exists; choose a new file name/);
        }
        assert.equal(r.code, 1, show(r));
        assert.match(
          r.stderr,
          /Audit log broken: the chain breaks at entry 2: its contents do not match its hash .*; the 1 entries before it are intact/,
        );
      });
    });
  }
});
