/** Counts of reports and environmental jobs for the partnership's plan and board (aggregates only). */
import type { Db } from '../platform/db/database.js';

export interface InstantRange {
  /** UTC ISO instants: start included, end excluded. */
  start: string;
  end: string;
}

export class ReportFiguresRepository {
  constructor(private readonly db: Db) {}

  async countByChannel(partnershipId: string, r: InstantRange): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('reports')
      .select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
      .where('partnership_id', '=', partnershipId)
      .where('created_at', '>=', r.start)
      .where('created_at', '<', r.end)
      .groupBy('channel')
      .execute();
    return Object.fromEntries(rows.map((x) => [x.channel, Number(x.n)]));
  }

  /** When and by which channel each report in the range was made (for counts by month). */
  reportTimes(partnershipId: string, r: InstantRange) {
    return this.db
      .selectFrom('reports')
      .select(['created_at', 'channel'])
      .where('partnership_id', '=', partnershipId)
      .where('created_at', '>=', r.start)
      .where('created_at', '<', r.end)
      .execute();
  }

  /** Reports made in the range that were routed to at least one team. */
  async routed(partnershipId: string, r: InstantRange): Promise<number> {
    const row = await this.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reports.partnership_id', '=', partnershipId)
      .where('reports.created_at', '>=', r.start)
      .where('reports.created_at', '<', r.end)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('report_team_routes')
            .select('id')
            .whereRef('report_team_routes.report_id', '=', 'reports.id'),
        ),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Phone reports in the range whose reporter had made another report in the 12 months before. */
  async repeatPhoneCallers(partnershipId: string, r: InstantRange, yearBeforeStart: string): Promise<number> {
    const row = await this.db
      .selectFrom('reports as r')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('r.partnership_id', '=', partnershipId)
      .where('r.channel', '=', 'phone')
      .where('r.reporter_person_id', 'is not', null)
      .where('r.created_at', '>=', r.start)
      .where('r.created_at', '<', r.end)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('reports as p')
            .select('p.id')
            .whereRef('p.reporter_person_id', '=', 'r.reporter_person_id')
            .whereRef('p.created_at', '<', 'r.created_at')
            .where('p.created_at', '>=', yearBeforeStart),
        ),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Environmental jobs cleared in the range: when raised and when cleared. */
  clearedJobs(partnershipId: string, r: InstantRange) {
    return this.db
      .selectFrom('environmental_jobs')
      .select(['raised_at', 'cleared_at'])
      .where('partnership_id', '=', partnershipId)
      .where('state', '=', 'cleared')
      .where('cleared_at', '>=', r.start)
      .where('cleared_at', '<', r.end)
      .execute();
  }
}
