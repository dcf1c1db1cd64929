import { performance } from 'node:perf_hooks';
import { loadConfig, type Config } from './config.js';
import { isReachable, openDatabase, type DatabaseHandle } from './platform/db/database.js';
import { holdUntilStarted, waitForDatabase } from './platform/web/starting.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { buildApp } from './app.js';
import { createLogger } from './platform/log.js';
import { demoSeedOf, describeDemoAccounts, hasAnyPartnership, seedDemo } from './platform/seed.js';
import { startJobRunner } from './platform/jobs.js';
import { startCheckpointer } from './platform/db/checkpointer.js';
import { auditStartupCheck } from './platform/audit/startup.js';
import { widePermissions } from './platform/file-permissions.js';

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
  // Everything this process creates (database, WAL, backups, outbox, uploads) is for its own user only.
  process.umask(0o077);
  for (const problem of widePermissions(config)) log.warn(`file permissions wider than needed: ${problem}`);
  const database: DatabaseHandle = openDatabase(config);
  // Listen at once, so /health and /ready answer while the database is still down; the rest waits.
  const { app, deps, jobs } = await buildApp({ config, database, logger: log });
  const open = holdUntilStarted(app);
  await app.listen({ port: config.port, host: config.host });
  await waitForDatabase(() => isReachable(database.db), log);
  const applied = await migrateToLatest(database.db);
  if (applied.length) log.info({ migrations: applied.length }, 'database migrated');
  if (opts.demoIfEmpty && !(await hasAnyPartnership(deps))) {
    log.info('empty database: loading the demo City of London partnership');
    await seedDemo(deps, opts.seed ?? 42);
  }
  let stopAuditCheckpoints: (() => Promise<void>) | null;
  try {
    stopAuditCheckpoints = await auditStartupCheck(app, deps);
  } catch (err) {
    await app.close();
    await database.close();
    throw err;
  }
  const stopJobs = startJobRunner(deps, jobs);
  const stopCheckpoints =
    database.sqlite && config.sqliteFile !== ':memory:'
      ? startCheckpointer(database.sqlite, config.sqliteFile)
      : null;
  open();
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
