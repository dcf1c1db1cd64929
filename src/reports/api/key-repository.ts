import type { Db } from '../../platform/db/database.js';
import type { PartnerApiKeysTable } from '../tables.js';
import '../tables.js';

/** All SQL about partner systems' API keys. */
export class ApiKeyRepository {
  constructor(private readonly db: Db) {}

  insert(row: PartnerApiKeysTable) {
    return this.db.insertInto('partner_api_keys').values(row).execute();
  }

  byHash(hash: string): Promise<PartnerApiKeysTable | undefined> {
    return this.db.selectFrom('partner_api_keys').selectAll().where('key_hash', '=', hash).executeTakeFirst();
  }

  list(partnershipId: string): Promise<PartnerApiKeysTable[]> {
    return this.db
      .selectFrom('partner_api_keys')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async revoke(partnershipId: string, id: string, at: string): Promise<PartnerApiKeysTable | undefined> {
    await this.db
      .updateTable('partner_api_keys')
      .set({ revoked_at: at })
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    return this.db.selectFrom('partner_api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  }

  touch(id: string, at: string) {
    return this.db.updateTable('partner_api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}
