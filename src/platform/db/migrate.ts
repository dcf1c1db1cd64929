import { Migrator, PostgresAdapter, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import { allModules } from '../../modules.js';

/** Every module's migrations, merged. Names start with a date and a sequence so they sort in order. */
export function collectMigrations(): Record<string, Migration> {
  const out: Record<string, Migration> = {};
  for (const m of allModules) {
    for (const [name, migration] of Object.entries(m.migrations ?? {})) {
      if (out[name]) throw new Error(`Two migrations share the name ${name}`);
      out[name] = migration;
    }
  }
  return out;
}

const provider: MigrationProvider = { getMigrations: async () => collectMigrations() };

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Modules add migrations independently, so allow a new one to sort before an applied one.
  // Kysely looks for its own tables in every schema unless told which: on a PostgreSQL database holding
  // another schema with them (each test has its own), it would skip creating them in ours.
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0].schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider,
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
