import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { describe, after, before } from 'node:test';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Dialect } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { loadConfig, type Config } from '../../src/config.js';

export interface TestDb extends DatabaseHandle {
  /** Removes the database (temp SQLite file or PostgreSQL schema). */
  drop(): Promise<void>;
}

let counter = 0;

/** A fresh, migrated database on the dialect asked for. */
export async function freshDatabase(dialect: Dialect): Promise<TestDb> {
  const tag = `t${process.pid}_${Date.now()}_${counter++}`;
  if (dialect === 'postgres') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${tag}`);
    await admin.end();
    const handle = openDatabase({ databaseUrl: url, sqliteFile: '', pgSchema: tag });
    await migrateToLatest(handle.db);
    return {
      ...handle,
      drop: async () => {
        await handle.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema if exists ${tag} cascade`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-test-'));
  const handle = openDatabase({ databaseUrl: null, sqliteFile: path.join(dir, 'test.sqlite') });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The dialects to test on: SQLite always; PostgreSQL too when DATABASE_URL is set. */
export function testDialects(): Dialect[] {
  return process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * Runs a suite once per dialect, each with its own fresh database.
 * Usage: forEachDialect('reports', (ctx) => { it('...', async () => { ctx.db ... }) })
 */
export function forEachDialect(
  name: string,
  body: (ctx: { readonly handle: TestDb; readonly db: TestDb['db']; dialect: Dialect }) => void,
): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let handle: TestDb;
      const ctx = {
        get handle() {
          return handle;
        },
        get db() {
          return handle.db;
        },
        dialect,
      };
      before(async () => {
        handle = await freshDatabase(dialect);
      });
      after(async () => {
        await handle?.drop();
      });
      body(ctx);
    });
  }
}

/** The settings tests take from the environment as the app does (where files live), never the database or secrets. */
const FROM_ENVIRONMENT = ['DATASETS_DIR'] as const;

/**
 * The configuration tests run with: the app's own loadConfig, given NODE_ENV=test, a data folder of
 * the test process's own, DATASETS_DIR from the environment, and the test's overrides.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: path.join(os.tmpdir(), `asbhub-test-data-${process.pid}`),
  };
  for (const name of FROM_ENVIRONMENT) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return loadConfig({ ...env, ...overrides });
}

/** Where the shared datasets are (the app's setting); tests that need them fail loudly when absent. */
export function datasetsDir(): string {
  return testConfig().datasetsDir;
}

export function requireDataset(rel: string): string {
  const p = path.join(datasetsDir(), rel);
  if (!fs.existsSync(p)) {
    throw new Error(
      `This test needs the shared dataset ${rel}, expected at ${p}. Put the shared datasets beside the project (../shared/datasets) or set DATASETS_DIR.`,
    );
  }
  return p;
}
