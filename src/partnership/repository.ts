import type { Db } from '../platform/db/database.js';
import type { Clock } from '../platform/db/clock.js';
import { newId } from '../platform/db/ids.js';
import type { Executor } from '../platform/audit/service.js';

export interface AgencySpec {
  code: string;
  name: string;
  kind: string;
  teams: readonly { code: string; name: string }[];
}

/** All SQL about partnerships, agencies and teams. */
export class PartnershipRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  findByCode(code: string) {
    return this.db.selectFrom('partnerships').selectAll().where('code', '=', code).executeTakeFirst();
  }

  first() {
    return this.db.selectFrom('partnerships').selectAll().orderBy('created_at').executeTakeFirst();
  }

  /** Creates the partnership with its agencies and teams; returns ids by code. */
  async create(
    spec: { code: string; name: string; agencies: readonly AgencySpec[] },
    trx: Executor = this.db,
  ): Promise<{ partnershipId: string; agencies: Record<string, string>; teams: Record<string, string> }> {
    const now = this.clock.iso();
    const partnershipId = newId();
    await trx
      .insertInto('partnerships')
      .values({
        id: partnershipId,
        partnership_id: partnershipId,
        code: spec.code,
        name: spec.name,
        settings: '{}',
        created_at: now,
      })
      .execute();
    const agencies: Record<string, string> = {};
    const teams: Record<string, string> = {};
    for (const a of spec.agencies) {
      const agencyId = newId();
      agencies[a.code] = agencyId;
      await trx
        .insertInto('agencies')
        .values({
          id: agencyId,
          partnership_id: partnershipId,
          code: a.code,
          name: a.name,
          kind: a.kind,
          created_at: now,
        })
        .execute();
      for (const t of a.teams) {
        const teamId = newId();
        teams[t.code] = teamId;
        await trx
          .insertInto('teams')
          .values({
            id: teamId,
            partnership_id: partnershipId,
            agency_id: agencyId,
            code: t.code,
            name: t.name,
            email: null,
            created_at: now,
          })
          .execute();
      }
    }
    return { partnershipId, agencies, teams };
  }

  agencies(partnershipId: string) {
    return this.db
      .selectFrom('agencies')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('name')
      .execute();
  }

  teams(partnershipId: string) {
    return this.db
      .selectFrom('teams')
      .innerJoin('agencies', 'agencies.id', 'teams.agency_id')
      .select([
        'teams.id',
        'teams.code',
        'teams.name',
        'teams.agency_id',
        'agencies.name as agency_name',
        'agencies.code as agency_code',
      ])
      .where('teams.partnership_id', '=', partnershipId)
      .orderBy('agencies.name')
      .orderBy('teams.name')
      .execute();
  }

  async teamByCode(partnershipId: string, code: string) {
    return this.db
      .selectFrom('teams')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('code', '=', code)
      .executeTakeFirst();
  }
}
