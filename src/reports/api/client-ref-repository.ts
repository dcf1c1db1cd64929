import type { Db } from '../../platform/db/database.js';
import type { Executor } from '../../platform/audit/service.js';
import '../tables.js';

/** All SQL about partner systems' own ids for what they sent (see ApiClientRefsTable). */
export class ClientRefRepository {
  constructor(private readonly db: Db) {}

  /** The first thing this key sent under any of these ids, or undefined. */
  async find(apiKeyId: string, refs: readonly string[], subjectType: string): Promise<string | undefined> {
    if (!refs.length) return undefined;
    const row = await this.db
      .selectFrom('api_client_refs')
      .select('subject_id')
      .where('api_key_id', '=', apiKeyId)
      .where('client_ref', 'in', refs)
      .where('subject_type', '=', subjectType)
      .orderBy('created_at')
      .executeTakeFirst();
    return row?.subject_id;
  }

  insert(
    db: Executor,
    row: {
      api_key_id: string;
      client_ref: string;
      partnership_id: string;
      subject_type: string;
      subject_id: string;
      created_at: string;
    },
  ) {
    return db.insertInto('api_client_refs').values(row).execute();
  }
}
