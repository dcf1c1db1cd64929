import { Migrator, type Migration, type MigrationProvider } from 'kysely';
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
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
