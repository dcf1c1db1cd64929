import { performance } from 'node:perf_hooks';
import { loadConfig, type Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { buildApp } from './app.js';
import { createLogger } from './platform/log.js';
import { demoSeedOf, describeDemoAccounts, hasAnyPartnership, seedDemo } from './platform/seed.js';
import { startJobRunner } from './platform/jobs.js';
import { startCheckpointer } from './platform/db/checkpointer.js';
import { auditStartupCheck } from './platform/audit/startup.js';

export interface ServeOptions {
  /** Load the demo partnership when the database has no partnership yet. */
  demoIfEmpty?: boolean;
  seed?: number;
  config?: Config;
}

/** Opens the database (waiting for it when it is down), migrates, seeds if asked, and listens. */
export async function serve(opts: ServeOptions = {}): Promise<void> {
  const started = performance.now();
  const config = opts.config ?? loadConfig();
  const log = createLogger(config);
  const database: DatabaseHandle = openDatabase(config);
  await waitForDatabase(database, log);
  const applied = await migrateToLatest(database.db);
  if (applied.length) log.info({ migrations: applied.length }, 'database migrated');
  const { app, deps, jobs } = await buildApp({ config, database, logger: log });
  if (opts.demoIfEmpty && !(await hasAnyPartnership(deps))) {
    log.info('empty database: loading the demo City of London partnership');
    await seedDemo(deps, opts.seed ?? 42);
  }
  const stopAuditCheckpoints = await auditStartupCheck(app, deps);
  const stopJobs = startJobRunner(deps, jobs);
  const stopCheckpoints =
    database.sqlite && config.sqliteFile !== ':memory:'
      ? startCheckpointer(database.sqlite, config.sqliteFile)
      : null;
  await app.listen({ port: config.port, host: config.host });
  const demoSeed = await demoSeedOf(deps);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `\nASB Hub is running at ${config.baseUrl} (${database.dialect}, ready in ${seconds}s)\n`,
  );
  if (demoSeed !== null) process.stdout.write(`${describeDemoAccounts(demoSeed)}\n\n`);
  const shutdown = async () => {
    stopJobs();
    await app.close();
    await stopAuditCheckpoints?.();
    await stopCheckpoints?.();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function waitForDatabase(
  database: DatabaseHandle,
  log: ReturnType<typeof createLogger>,
): Promise<void> {
  const { isReachable } = await import('./platform/db/database.js');
  let delay = 1000;
  let logged = false;
  while (!(await isReachable(database.db))) {
    if (!logged) log.error('database unreachable: waiting for it (check DATABASE_URL)');
    logged = true;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 30_000);
  }
}
