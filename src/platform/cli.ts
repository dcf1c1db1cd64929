import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { DatabaseHandle } from './db/database.js';
import { CliError } from './cli-error.js';
import type { AppDeps } from './module.js';
import { ROLES, isRole } from './permissions/roles.js';
import { passwordProblem } from './auth/passwords.js';

// The web app, the database drivers and every module load only when a command needs them,
// so that commands which do not touch the database start quickly.
const CITY_CODE = 'city-of-london';

/** Opens and migrates the configured database for one command, then closes it. */
export async function withDeps<T>(fn: (deps: AppDeps, database: DatabaseHandle) => Promise<T>): Promise<T> {
  const { loadConfig, ConfigError } = await import('../config.js');
  const { openDatabase } = await import('./db/database.js');
  const { migrateToLatest } = await import('./db/migrate.js');
  const { createLogger } = await import('./log.js');
  const { systemClock } = await import('./db/clock.js');
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, 1);
    throw err;
  }
  const { configureAuditKey } = await import('./audit/service.js');
  configureAuditKey(config.auditKey);
  const database = openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const deps: AppDeps = {
      config,
      db: database.db,
      dialect: database.dialect,
      clock: systemClock,
      log: createLogger({ ...config, logLevel: process.env.LOG_LEVEL ?? 'warn' }),
    };
    return await fn(deps, database);
  } finally {
    await database.close();
  }
}

/**
 * Runs a command with the service graph built on the configured database: given to each module's
 * commands by src/commands.ts (the composition root's side for the command line). `S` is the part
 * of the graph the module's commands use.
 */
export type WithServices<S> = <T>(
  fn: (services: S, deps: AppDeps, database: DatabaseHandle) => Promise<T>,
) => Promise<T>;

export function registerPlatformCli(program: Command): void {
  program
    .command('serve')
    .description('Migrate the database and serve ASB Hub over HTTP (PORT, default 3000)')
    .option('--demo-if-empty', 'load the demo City of London partnership when the database is empty')
    .option('--seed <n>', 'seed for the demo data', '42')
    .action(async (opts) => {
      const { serve } = await import('../server.js');
      const { ConfigError } = await import('../config.js');
      const { AuditIntegrityError } = await import('./audit/startup.js');
      try {
        await serve({ demoIfEmpty: !!opts.demoIfEmpty, seed: Number(opts.seed) });
      } catch (err) {
        if (err instanceof ConfigError || err instanceof AuditIntegrityError)
          throw new CliError(err.message, 1);
        throw err;
      }
    });

  program
    .command('migrate')
    .description('Apply database migrations')
    .action(async () => {
      await withDeps(async (_deps, db) => {
        process.stdout.write(`Database (${db.dialect}) is up to date.\n`);
      });
    });

  program
    .command('seed')
    .description('Load the City of London partnership; with --demo, a believable year of demo data')
    .option('--demo', 'load demo staff accounts, reports, people, premises and cases')
    .option('--seed <n>', 'seed for the demo data (the same seed gives the same data)', '42')
    .action(async (opts) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed) || seed < 0) throw new CliError('--seed must be a whole number, 0 or more');
      await withDeps(async (deps) => {
        const { describeDemoAccounts, seedDemo } = await import('./seed.js');
        const { PartnershipRepository } = await import('../partnership/repository.js');
        const { CITY_OF_LONDON } = await import('../partnership/city-of-london.js');
        if (opts.demo) {
          const r = await seedDemo(deps, seed);
          process.stdout.write(
            r.created ? 'Demo partnership loaded.\n' : 'The demo partnership is already loaded.\n',
          );
          process.stdout.write(`${describeDemoAccounts(seed)}\n`);
        } else {
          const repo = new PartnershipRepository(deps.db, deps.clock);
          if (await repo.findByCode(CITY_OF_LONDON.code))
            process.stdout.write('The City of London partnership is already loaded.\n');
          else {
            await repo.create(CITY_OF_LONDON);
            process.stdout.write(
              'City of London partnership, agencies and teams loaded. Add an administrator with `asbhub users add`.\n',
            );
          }
        }
      });
    });

  const users = program.command('users').description('Manage staff accounts');
  users
    .command('add')
    .description('Add a staff account')
    .requiredOption('--email <email>', 'email address (sign-in name)')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
    .requiredOption('--team <code>', 'team code, e.g. CCS or COLP-LP')
    .option(
      '--password <password>',
      'initial password (12 characters or more); the environment variable ASBHUB_PASSWORD also works',
    )
    .option('--partnership <code>', 'partnership code', CITY_CODE)
    .action(async (opts) => {
      if (!isRole(opts.role)) throw new CliError(`--role must be one of: ${ROLES.join(', ')}`);
      const password = opts.password ?? process.env.ASBHUB_PASSWORD;
      if (!password) throw new CliError('--password (or ASBHUB_PASSWORD) is required');
      const problem = passwordProblem(password);
      if (problem) throw new CliError(`--password: ${problem}`);
      if (!/^\S+@\S+\.\S+$/.test(opts.email))
        throw new CliError('--email must be an email address, like name@example.com');
      await withDeps(async (deps) => {
        const { PartnershipRepository } = await import('../partnership/repository.js');
        const { UserRepository } = await import('./auth/users.js');
        const { AuditService } = await import('./audit/service.js');
        const repo = new PartnershipRepository(deps.db, deps.clock);
        const p = await repo.findByCode(opts.partnership);
        if (!p)
          throw new CliError(
            `--partnership: no partnership with code ${opts.partnership} (run asbhub seed first)`,
          );
        const team = await repo.teamByCode(p.id, opts.team);
        if (!team) throw new CliError(`--team: no team with code ${opts.team}`);
        const repoUsers = new UserRepository(deps.db, deps.clock);
        if (await repoUsers.findByEmail(opts.email))
          throw new CliError(`--email: a user with ${opts.email} already exists`);
        const id = await repoUsers.create({
          partnershipId: p.id,
          agencyId: team.agency_id,
          teamId: team.id,
          email: opts.email,
          name: opts.name,
          role: opts.role,
          password,
        });
        await new AuditService(deps.db, deps.dialect, deps.clock).record({
          partnershipId: p.id,
          action: 'user.added',
          userLabel: 'command line',
          subjectType: 'user',
          subjectId: id,
          details: { role: opts.role },
        });
        process.stdout.write(
          `Added ${opts.email}. They set up their security code when they first sign in.\n`,
        );
      });
    });

  const audit = program.command('audit').description('The audit log');
  audit
    .command('verify')
    .description(
      'Check the audit log: its keyed hash chain and the last signed checkpoint; says where it breaks and exits 1 if it does',
    )
    .action(async () => {
      await withDeps(async (deps) => {
        const { verifyAuditIntegrity, checkpointFile } = await import('./audit/checkpoints.js');
        const report = await verifyAuditIntegrity(deps);
        if (!report.ok) throw new CliError(`Audit log broken: ${report.problem}.`, 1);
        process.stdout.write(
          `Audit log intact: ${report.entries} entries verified${
            report.checkpoint
              ? `, matching the checkpoint of ${report.checkpoint.at} (${report.checkpoint.count} entries) in ${checkpointFile(deps)}`
              : `; no checkpoint yet in ${checkpointFile(deps)}`
          }.\n`,
        );
      });
    });
  audit
    .command('checkpoint')
    .description('Write a signed checkpoint of the audit log (entries and head hash) to the backup directory')
    .action(async () => {
      await withDeps(async (deps) => {
        const { writeCheckpoint, checkpointFile } = await import('./audit/checkpoints.js');
        const c = await writeCheckpoint(deps);
        process.stdout.write(
          `Checkpoint: ${c.count} entries, head ${c.head.slice(0, 16)}… in ${checkpointFile(deps)}\n`,
        );
      });
    });

  program
    .command('backup')
    .description(
      'Make a consistent copy of the SQLite database while it runs (on PostgreSQL, prints the pg_dump to use)',
    )
    .argument('<file>', 'where to write the copy')
    .action(async (file: string) => {
      await withDeps(async (deps, database) => {
        if (database.dialect === 'postgres' || !database.sqlite) {
          process.stdout.write(
            `ASB Hub is on PostgreSQL. Back it up with:\n  pg_dump --format=custom --file=${JSON.stringify(file)} "$DATABASE_URL"\n`,
          );
          return;
        }
        const target = path.resolve(file);
        if (fs.existsSync(target)) throw new CliError(`${file} already exists; choose a new file name`);
        fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
        fs.closeSync(fs.openSync(target, 'wx', 0o600));
        await database.sqlite.backup(target);
        fs.chmodSync(target, 0o600);
        process.stdout.write(
          `Backed up ${deps.config.sqliteFile} to ${target} (${fs.statSync(target).size} bytes).\n`,
        );
      });
    });
}
