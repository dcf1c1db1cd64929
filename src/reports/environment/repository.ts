import type { Db } from '../../platform/db/database.js';
import type { Executor } from '../../platform/audit/service.js';
import type { EnvironmentalJobsTable } from '../tables.js';
import '../tables.js';

export interface JobFilter {
  partnershipId: string;
  teamId: string | null;
  state: string;
  category?: string;
  overdue?: boolean;
  now: string;
  limit: number;
  offset: number;
}

/** All SQL about environmental removal jobs. */
export class JobRepository {
  constructor(private readonly db: Db) {}

  private base(f: JobFilter) {
    let q = this.db
      .selectFrom('environmental_jobs as j')
      .innerJoin('reports as r', 'r.id', 'j.report_id')
      .where('j.partnership_id', '=', f.partnershipId);
    if (f.teamId) q = q.where('j.team_id', '=', f.teamId);
    if (f.state === 'open') q = q.where('j.state', 'in', ['raised', 'scheduled', 'in-progress']);
    else if (f.state && f.state !== 'all') q = q.where('j.state', '=', f.state);
    if (f.category) q = q.where('j.category_code', '=', f.category);
    if (f.overdue)
      q = q.where('j.state', 'in', ['raised', 'scheduled', 'in-progress']).where('j.target_at', '<', f.now);
    return q;
  }

  async list(f: JobFilter) {
    const count = await this.base(f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    const rows = await this.base(f)
      .leftJoin('users as u', 'u.id', 'j.assigned_user_id')
      .selectAll('j')
      .select(['r.reference as report_reference', 'r.hate_incident', 'u.name as assigned_name'])
      .orderBy('j.target_at', 'asc')
      .orderBy('j.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return { rows, total: Number(count?.n ?? 0) };
  }

  byReference(partnershipId: string, reference: string) {
    return this.db
      .selectFrom('environmental_jobs as j')
      .innerJoin('reports as r', 'r.id', 'j.report_id')
      .leftJoin('users as u', 'u.id', 'j.assigned_user_id')
      .selectAll('j')
      .select([
        'r.reference as report_reference',
        'r.state_code as report_state',
        'r.state_kind as report_state_kind',
        'r.description',
        'u.name as assigned_name',
      ])
      .where('j.partnership_id', '=', partnershipId)
      .where('j.reference', '=', reference.trim().toUpperCase())
      .executeTakeFirst();
  }

  async update(db: Executor, id: string, patch: Partial<EnvironmentalJobsTable>): Promise<void> {
    await db.updateTable('environmental_jobs').set(patch).where('id', '=', id).execute();
  }

  /** The rows the dashboard aggregates: jobs raised since a time. */
  since(partnershipId: string, fromIso: string) {
    return this.db
      .selectFrom('environmental_jobs')
      .select(['category_code', 'state', 'raised_at', 'target_at', 'cleared_at'])
      .where('partnership_id', '=', partnershipId)
      .where('raised_at', '>=', fromIso)
      .execute();
  }

  /** Jobs raised or cleared in [from, to), for period figures. */
  raisedOrClearedIn(partnershipId: string, fromIso: string, toIso: string) {
    return this.db
      .selectFrom('environmental_jobs')
      .select(['id', 'category_code', 'state', 'raised_at', 'cleared_at', 'location_text'])
      .where('partnership_id', '=', partnershipId)
      .where((eb) =>
        eb.or([
          eb.and([eb('raised_at', '>=', fromIso), eb('raised_at', '<', toIso)]),
          eb.and([eb('cleared_at', '>=', fromIso), eb('cleared_at', '<', toIso)]),
        ]),
      )
      .execute();
  }
}
