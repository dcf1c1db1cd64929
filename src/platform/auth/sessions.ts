import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { Clock } from '../db/clock.js';

export const SESSION_COOKIE = 'asbhub_session';
const IDLE_MS = 60 * 60 * 1000;
const ABSOLUTE_MS = 12 * 60 * 60 * 1000;

export type SessionStage = 'anonymous' | 'password-ok' | 'enrol-totp' | 'signed-in';

export interface Session {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  partnershipId: string;
  userId: string | null;
  stage: SessionStage;
  data: Record<string, any>;
  createdAt: string;
  expiresAt: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Sessions kept in the database; the browser holds only a random token. */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async load(token: string | undefined): Promise<Session | null> {
    if (!token || token.length > 100) return null;
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', hashToken(token))
      .executeTakeFirst();
    if (!row) return null;
    const now = this.clock.now().getTime();
    if (new Date(row.expires_at).getTime() < now || new Date(row.last_seen_at).getTime() + IDLE_MS < now) {
      await this.db.deleteFrom('sessions').where('id', '=', row.id).execute();
      return null;
    }
    return {
      id: row.id,
      partnershipId: row.partnership_id,
      userId: row.user_id,
      stage: row.stage as SessionStage,
      data: JSON.parse(row.data),
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  /** Makes a new session and returns the cookie token for it. */
  async create(
    partnershipId: string,
    userId: string | null,
    stage: SessionStage,
    data: Record<string, any>,
    ip: string | null,
  ): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const session: Session = {
      id: hashToken(token),
      partnershipId,
      userId,
      stage,
      data,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ABSOLUTE_MS).toISOString(),
    };
    await this.db
      .insertInto('sessions')
      .values({
        id: session.id,
        partnership_id: partnershipId,
        user_id: userId,
        stage,
        data: JSON.stringify(data),
        created_at: session.createdAt,
        last_seen_at: session.createdAt,
        expires_at: session.expiresAt,
        ip,
      })
      .execute();
    return { token, session };
  }

  async save(session: Session): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({
        data: JSON.stringify(session.data),
        stage: session.stage,
        user_id: session.userId,
        last_seen_at: this.clock.iso(),
      })
      .where('id', '=', session.id)
      .execute();
  }

  async touch(session: Session): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: this.clock.iso() })
      .where('id', '=', session.id)
      .execute();
  }

  async destroy(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  }

  /** Ends every session of the user, except the one given (the one changing the password). */
  async destroyForUser(userId: string, exceptId?: string): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  /** Deletes sessions past their absolute or idle expiry; returns how many. */
  async purgeExpired(): Promise<number> {
    const now = this.clock.now().getTime();
    const res = await this.db
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([
          eb('expires_at', '<', new Date(now).toISOString()),
          eb('last_seen_at', '<', new Date(now - IDLE_MS).toISOString()),
        ]),
      )
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
