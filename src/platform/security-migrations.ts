import { type Kysely, type Migration } from 'kysely';

/** The last TOTP time step used per user (replay), and which audit entries are HMAC-keyed. */
async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
  // Entries written before the chain was keyed stay verifiable as plain SHA-256 (keyed = 0).
  await db.schema
    .alterTable('audit_log')
    .addColumn('keyed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export const securityMigrations: Record<string, Migration> = {
  '20261207_00_platform_security': { up },
};
