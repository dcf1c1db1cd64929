/** SQL of communications campaigns and their reach figures. */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { Executor } from '../platform/audit/service.js';
import type { CampaignFiguresTable, CommsCampaignsTable } from './tables.js';
import './tables.js';

export class CampaignsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  insertCampaign(row: CommsCampaignsTable) {
    return this.db.insertInto('comms_campaigns').values(row).execute();
  }

  async insertFigures(rows: CampaignFiguresTable[], db: Executor = this.db): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('campaign_figures')
        .values(rows.slice(i, i + 500))
        .execute();
  }

  campaigns(partnershipId: string) {
    return this.db
      .selectFrom('comms_campaigns')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('starts_on', 'desc')
      .execute();
  }

  campaign(partnershipId: string, id: string) {
    return this.db
      .selectFrom('comms_campaigns')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  figures(campaignId: string) {
    return this.db
      .selectFrom('campaign_figures')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .orderBy('recorded_on')
      .orderBy('channel')
      .execute();
  }
}
