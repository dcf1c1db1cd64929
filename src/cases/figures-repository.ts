/** Counts over cases for the partnership's plan and board (aggregates only, nothing personal). */
import type { Db } from '../platform/db/database.js';

export class CaseFiguresRepository {
  constructor(private readonly db: Db) {}

  /** Steps of the powers ladder issued on days in the period (both ends included). */
  async powersIssued(partnershipId: string, from: string, to: string): Promise<number> {
    const row = await this.db
      .selectFrom('ladder_steps')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('partnership_id', '=', partnershipId)
      .where('issued_on', '>=', from)
      .where('issued_on', '<=', to)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Cases not closed whose current risk band is high. */
  async openHighRisk(partnershipId: string): Promise<number> {
    const row = await this.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('partnership_id', '=', partnershipId)
      .where('status', '!=', 'closed')
      .where('risk_band', '=', 'high')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
