import type { Db } from '../../platform/db/database.js';
import '../tables.js';

export interface PublishedUpdateRow {
  id: string;
  reference: string;
  category_code: string;
  state_code: string;
  at: string;
  text: string | null;
}

/** SQL for mySociety's servicerequestupdates extension. */
export class Open311Repository {
  constructor(private readonly db: Db) {}

  /**
   * Updates staff published (a state change or a note shown to the reporter) on reports this key sent,
   * oldest first. The 'Report received' entry and anything not public never go out.
   */
  publishedUpdates(
    partnershipId: string,
    apiKeyId: string,
    f: { start: string; end: string; limit: number },
  ): Promise<PublishedUpdateRow[]> {
    return this.db
      .selectFrom('report_updates as u')
      .innerJoin('reports as r', 'r.id', 'u.report_id')
      .select(['u.id', 'r.reference', 'r.category_code', 'u.state_code', 'u.at', 'u.text'])
      .where('r.partnership_id', '=', partnershipId)
      .where('r.api_key_id', '=', apiKeyId)
      .where('u.public', '=', 1)
      .where('u.user_id', 'is not', null)
      .where('u.kind', 'in', ['state', 'note'])
      .where('u.at', '>=', f.start)
      .where('u.at', '<=', f.end)
      .orderBy('u.at')
      .orderBy('u.id')
      .limit(f.limit)
      .execute();
  }
}
