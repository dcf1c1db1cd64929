import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Clock } from '../db/clock.js';
import { newId } from '../db/ids.js';
import type { UsersTable } from '../tables.js';
import { hashPassword } from './passwords.js';
import type { Role } from '../permissions/roles.js';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;

export interface CurrentUser {
  id: string;
  partnershipId: string;
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  teamId: string | null;
  teamName: string | null;
  role: Role;
  name: string;
  email: string;
  /** Signed in with a temporary password an administrator set: must choose their own before anything else. */
  mustChangePassword: boolean;
}

export interface NewUser {
  partnershipId: string;
  agencyId: string;
  teamId: string | null;
  email: string;
  name: string;
  role: Role;
  password: string | null;
  /** An argon2id hash made already (demo accounts share one). */
  passwordHash?: string;
  totpSecret?: string | null;
  mustChangePassword?: boolean;
}

/** All SQL about user accounts. */
export class UserRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  findByEmail(email: string): Promise<UsersTable | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
  }

  findById(id: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByOidcSubject(subject: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('oidc_subject', '=', subject).executeTakeFirst();
  }

  async current(id: string): Promise<CurrentUser | null> {
    const row = await this.db
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .leftJoin('teams', 'teams.id', 'users.team_id')
      .select([
        'users.id',
        'users.partnership_id',
        'users.agency_id',
        'agencies.code as agency_code',
        'agencies.name as agency_name',
        'users.team_id',
        'teams.name as team_name',
        'users.role',
        'users.name',
        'users.email',
        'users.disabled',
        'users.must_change_password',
      ])
      .where('users.id', '=', id)
      .executeTakeFirst();
    if (!row || row.disabled) return null;
    return {
      id: row.id,
      partnershipId: row.partnership_id,
      agencyId: row.agency_id,
      agencyCode: row.agency_code,
      agencyName: row.agency_name,
      teamId: row.team_id,
      teamName: row.team_name ?? null,
      role: row.role as Role,
      name: row.name,
      email: row.email,
      mustChangePassword: !!row.must_change_password,
    };
  }

  async create(u: NewUser): Promise<string> {
    const id = newId();
    const now = this.clock.iso();
    await this.db
      .insertInto('users')
      .values({
        id,
        partnership_id: u.partnershipId,
        agency_id: u.agencyId,
        team_id: u.teamId,
        email: u.email.trim().toLowerCase(),
        name: u.name,
        role: u.role,
        password_hash: u.passwordHash ?? (u.password ? await hashPassword(u.password) : null),
        totp_secret: u.totpSecret ?? null,
        totp_enabled: u.totpSecret ? 1 : 0,
        recovery_codes: '[]',
        must_change_password: u.mustChangePassword ? 1 : 0,
        disabled: 0,
        failed_attempts: 0,
        locked_until: null,
        oidc_subject: null,
        last_sign_in_at: null,
        totp_last_step: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  async update(
    id: string,
    fields: Partial<Omit<UsersTable, 'id' | 'partnership_id' | 'created_at'>>,
  ): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ ...fields, updated_at: this.clock.iso() })
      .where('id', '=', id)
      .execute();
  }

  list(partnershipId: string) {
    return this.db
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .leftJoin('teams', 'teams.id', 'users.team_id')
      .select([
        'users.id',
        'users.name',
        'users.email',
        'users.role',
        'users.disabled',
        'users.locked_until',
        'users.totp_enabled',
        'users.last_sign_in_at',
        'agencies.name as agency_name',
        'teams.name as team_name',
      ])
      .where('users.partnership_id', '=', partnershipId)
      .orderBy('users.name')
      .execute();
  }

  /**
   * Counts a sign-in attempt before it is checked, in one atomic UPDATE ... RETURNING, so parallel
   * guesses each take a number: the account locks at the threshold however many arrive at once.
   * An expired lock starts the count again. Returns the count including this attempt.
   */
  async claimAttempt(userId: string): Promise<number> {
    const now = this.clock.iso();
    const lockUntil = new Date(this.clock.now().getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
    const next = sql<number>`case when locked_until <= ${now} then 1 else failed_attempts + 1 end`;
    const row = await this.db
      .updateTable('users')
      .set({
        failed_attempts: next,
        locked_until: sql<string | null>`case when locked_until > ${now} then locked_until
          when ${next} >= ${MAX_FAILED_ATTEMPTS} then ${lockUntil} else null end`,
        updated_at: now,
      })
      .where('id', '=', userId)
      .returning('failed_attempts')
      .executeTakeFirst();
    return row ? Number(row.failed_attempts) : Number.POSITIVE_INFINITY;
  }

  /** A right answer clears the count and any lock. */
  async clearAttempts(userId: string, fields: Partial<UsersTable> = {}): Promise<void> {
    await this.update(userId, { ...fields, failed_attempts: 0, locked_until: null });
  }

  /** Takes a TOTP step as used; false when it (or a later one) was used already. */
  async useTotpStep(userId: string, step: number): Promise<boolean> {
    const res = await this.db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  isLocked(user: UsersTable): boolean {
    return !!user.locked_until && new Date(user.locked_until).getTime() > this.clock.now().getTime();
  }
}
