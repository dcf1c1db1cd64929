import { sql } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { Executor } from '../platform/audit/service.js';
import type { ReportPhotosTable, ReportsTable, ReportTeamRoutesTable, ReportUpdatesTable } from './tables.js';
import './tables.js';

export interface QueueFilter {
  partnershipId: string;
  /** null: every team's reports (administrators). */
  teamId: string | null;
  state: string;
  category?: string;
  assigned?: string;
  overdue?: boolean;
  reference?: string;
  sort: 'due' | 'newest' | 'oldest';
  now: string;
  limit: number;
  offset: number;
}

export interface QueueRow {
  id: string;
  reference: string;
  category_code: string;
  hate_incident: number;
  location_text: string | null;
  state_code: string;
  state_kind: string;
  due_at: string;
  created_at: string;
  channel: string;
  route_id: string | null;
  assigned_user_id: string | null;
  assigned_name: string | null;
}

export interface RouteView extends ReportTeamRoutesTable {
  team_code: string;
  team_name: string;
  assigned_name: string | null;
  outbox_status: string | null;
}

/** Summary columns other modules get (no free text beyond the location). */
export const SUMMARY_COLUMNS = [
  'id',
  'reference',
  'category_code',
  'hate_incident',
  'location_text',
  'postcode',
  'lat',
  'lng',
  'occurred_kind',
  'occurred_at',
  'channel',
  'reporter_kind',
  'reporter_person_id',
  'state_code',
  'state_kind',
  'due_at',
  'created_at',
  'closed_at',
] as const;
export type ReportSummaryRow = Pick<ReportsTable, (typeof SUMMARY_COLUMNS)[number]>;

/** Rows per multi-row insert: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 400;

/** All SQL about reports, their routes to teams, updates and photos. */
export class ReportRepository {
  constructor(private readonly db: Db) {}

  insertReport(db: Executor, row: ReportsTable) {
    return db.insertInto('reports').values(row).execute();
  }

  async insertRoutes(db: Executor, rows: ReportTeamRoutesTable[]) {
    if (rows.length) await db.insertInto('report_team_routes').values(rows).execute();
  }

  insertUpdate(db: Executor, row: ReportUpdatesTable) {
    return db.insertInto('report_updates').values(row).execute();
  }

  async insertPhotos(db: Executor, rows: ReportPhotosTable[]) {
    if (rows.length) await db.insertInto('report_photos').values(rows).execute();
  }

  /** Bulk insert for demo data: chunks of rows per statement. */
  async insertMany<T extends 'reports' | 'report_team_routes' | 'report_updates' | 'environmental_jobs'>(
    db: Executor,
    table: T,
    rows: any[],
  ): Promise<void> {
    const width = rows[0] ? Object.keys(rows[0]).length : 1;
    const per = Math.max(1, Math.floor((CHUNK * 20) / width));
    for (let i = 0; i < rows.length; i += per)
      await db
        .insertInto(table)
        .values(rows.slice(i, i + per) as any)
        .execute();
  }

  findByReference(
    partnershipId: string,
    reference: string,
    db: Executor = this.db,
  ): Promise<ReportsTable | undefined> {
    return db
      .selectFrom('reports')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('reference', '=', reference.trim().toUpperCase())
      .executeTakeFirst();
  }

  findById(partnershipId: string, id: string, db: Executor = this.db): Promise<ReportsTable | undefined> {
    return db
      .selectFrom('reports')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  summariesByIds(partnershipId: string, ids: readonly string[]): Promise<ReportSummaryRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db
      .selectFrom('reports')
      .select([...SUMMARY_COLUMNS])
      .where('partnership_id', '=', partnershipId)
      .where('id', 'in', [...ids])
      .orderBy('created_at', 'desc')
      .execute();
  }

  summariesForPersons(partnershipId: string, personIds: readonly string[]): Promise<ReportSummaryRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('reports')
      .select([...SUMMARY_COLUMNS])
      .where('partnership_id', '=', partnershipId)
      .where('reporter_person_id', 'in', [...personIds])
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Reports inside a lat/lng box (refined by distance in the service), newest first. */
  summariesInBox(
    partnershipId: string,
    box: { minLat: number; maxLat: number; minLng: number; maxLng: number },
    limit = 500,
  ): Promise<ReportSummaryRow[]> {
    return this.db
      .selectFrom('reports')
      .select([...SUMMARY_COLUMNS])
      .where('partnership_id', '=', partnershipId)
      .where('lat', '>=', box.minLat)
      .where('lat', '<=', box.maxLat)
      .where('lng', '>=', box.minLng)
      .where('lng', '<=', box.maxLng)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }

  summariesByPostcode(partnershipId: string, postcode: string, limit = 200): Promise<ReportSummaryRow[]> {
    return this.db
      .selectFrom('reports')
      .select([...SUMMARY_COLUMNS])
      .where('partnership_id', '=', partnershipId)
      .where('postcode', '=', postcode)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }

  /** The time of each person's latest report (persons without one are left out): one query for many persons. */
  async latestForPersons(
    db: Executor,
    partnershipId: string,
    personIds: readonly string[],
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < personIds.length; i += 500) {
      const rows = await db
        .selectFrom('reports')
        .select(['reporter_person_id', (eb) => eb.fn.max('created_at').as('latest')])
        .where('partnership_id', '=', partnershipId)
        .where('reporter_person_id', 'in', personIds.slice(i, i + 500))
        .groupBy('reporter_person_id')
        .execute();
      for (const r of rows)
        if (r.reporter_person_id && r.latest) out.set(r.reporter_person_id, String(r.latest));
    }
    return out;
  }

  routes(reportId: string, db: Executor = this.db): Promise<RouteView[]> {
    return db
      .selectFrom('report_team_routes as rt')
      .innerJoin('teams as t', 't.id', 'rt.team_id')
      .leftJoin('users as u', 'u.id', 'rt.assigned_user_id')
      .leftJoin('outbox as o', 'o.id', 'rt.outbox_id')
      .selectAll('rt')
      .select([
        't.code as team_code',
        't.name as team_name',
        'u.name as assigned_name',
        'o.status as outbox_status',
      ])
      .where('rt.report_id', '=', reportId)
      .orderBy('rt.routed_at')
      .execute();
  }

  updates(reportId: string): Promise<(ReportUpdatesTable & { user_name: string | null })[]> {
    return this.db
      .selectFrom('report_updates as ru')
      .leftJoin('users as u', 'u.id', 'ru.user_id')
      .selectAll('ru')
      .select('u.name as user_name')
      .where('ru.report_id', '=', reportId)
      .orderBy('ru.at', 'desc')
      .orderBy('ru.id', 'desc')
      .execute();
  }

  photos(reportId: string): Promise<ReportPhotosTable[]> {
    return this.db
      .selectFrom('report_photos')
      .selectAll()
      .where('report_id', '=', reportId)
      .orderBy('created_at')
      .execute();
  }

  photo(reportId: string, photoId: string): Promise<ReportPhotosTable | undefined> {
    return this.db
      .selectFrom('report_photos')
      .selectAll()
      .where('report_id', '=', reportId)
      .where('id', '=', photoId)
      .executeTakeFirst();
  }

  private queueBase(f: QueueFilter) {
    let q = this.db.selectFrom('reports as r').where('r.partnership_id', '=', f.partnershipId);
    if (f.teamId) {
      q = q.innerJoin('report_team_routes as rt', (j) =>
        j.onRef('rt.report_id', '=', 'r.id').on('rt.active', '=', 1).on('rt.team_id', '=', f.teamId!),
      );
    }
    if (f.state === 'open' || f.state === 'closed') q = q.where('r.state_kind', '=', f.state);
    else if (f.state && f.state !== 'all') q = q.where('r.state_code', '=', f.state);
    if (f.category) q = q.where('r.category_code', '=', f.category);
    if (f.overdue) q = q.where('r.state_kind', '=', 'open').where('r.due_at', '<', f.now);
    if (f.reference) q = q.where('r.reference', '=', f.reference.trim().toUpperCase());
    if (f.teamId && f.assigned === 'unassigned') q = q.where(sql.ref('rt.assigned_user_id'), 'is', null);
    else if (f.teamId && f.assigned) q = q.where(sql.ref('rt.assigned_user_id'), '=', f.assigned);
    return q;
  }

  /** How many reports a queue filter matches (paging fields are ignored). */
  async queueCount(f: Omit<QueueFilter, 'sort' | 'limit' | 'offset'>): Promise<number> {
    const row = await this.queueBase({ ...f, sort: 'due', limit: 0, offset: 0 })
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async queue(f: QueueFilter): Promise<{ rows: QueueRow[]; total: number }> {
    const base = this.queueBase(f);
    const countRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    let q = base.select([
      'r.id',
      'r.reference',
      'r.category_code',
      'r.hate_incident',
      'r.location_text',
      'r.state_code',
      'r.state_kind',
      'r.due_at',
      'r.created_at',
      'r.channel',
    ]);
    q = f.teamId
      ? (q as any)
          .leftJoin('users as u', 'u.id', 'rt.assigned_user_id')
          .select(['rt.id as route_id', 'rt.assigned_user_id', 'u.name as assigned_name'])
      : q.select([
          sql<null>`null`.as('route_id'),
          sql<null>`null`.as('assigned_user_id'),
          sql<null>`null`.as('assigned_name'),
        ]);
    if (f.sort === 'due') q = q.orderBy('r.state_kind', 'desc').orderBy('r.due_at', 'asc');
    else q = q.orderBy('r.created_at', f.sort === 'oldest' ? 'asc' : 'desc');
    const rows = (await q.orderBy('r.id').limit(f.limit).offset(f.offset).execute()) as QueueRow[];
    return { rows, total: Number(countRow?.n ?? 0) };
  }

  async setState(
    db: Executor,
    reportId: string,
    state: { code: string; kind: string },
    now: string,
    closedAt: string | null,
  ): Promise<void> {
    await db
      .updateTable('reports')
      .set({ state_code: state.code, state_kind: state.kind, updated_at: now, closed_at: closedAt })
      .where('id', '=', reportId)
      .execute();
  }

  async touch(db: Executor, reportId: string, now: string): Promise<void> {
    await db.updateTable('reports').set({ updated_at: now }).where('id', '=', reportId).execute();
  }

  async assign(db: Executor, routeIds: readonly string[], userId: string | null, now: string): Promise<void> {
    if (!routeIds.length) return;
    await db
      .updateTable('report_team_routes')
      .set({ assigned_user_id: userId, assigned_at: userId ? now : null })
      .where('id', 'in', [...routeIds])
      .execute();
  }

  async endRoutes(db: Executor, routeIds: readonly string[], now: string, reason: string): Promise<void> {
    if (!routeIds.length) return;
    await db
      .updateTable('report_team_routes')
      .set({ active: 0, ended_at: now, ended_reason: reason })
      .where('id', 'in', [...routeIds])
      .execute();
  }

  /** The active route of each of these reports for one team. */
  teamRoutes(teamId: string, reportIds: readonly string[]) {
    if (!reportIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('report_team_routes as rt')
      .innerJoin('reports as r', 'r.id', 'rt.report_id')
      .select(['rt.id', 'rt.report_id', 'rt.assigned_user_id', 'r.reference', 'r.state_code'])
      .where('rt.team_id', '=', teamId)
      .where('rt.active', '=', 1)
      .where('rt.report_id', 'in', [...reportIds])
      .execute();
  }

  teamMembers(teamId: string) {
    return this.db
      .selectFrom('users')
      .select(['id', 'name', 'email', 'role'])
      .where('team_id', '=', teamId)
      .where('disabled', '=', 0)
      .orderBy('name')
      .execute();
  }

  /** Reports a partner system sent with one API key. */
  byApiKey(partnershipId: string, apiKeyId: string, f: { since?: string; state?: string; limit: number }) {
    let q = this.db
      .selectFrom('reports')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('api_key_id', '=', apiKeyId);
    if (f.since) q = q.where('created_at', '>=', f.since);
    if (f.state === 'open' || f.state === 'closed') q = q.where('state_kind', '=', f.state);
    return q.orderBy('created_at', 'desc').limit(f.limit).execute();
  }

  /** Open311 listing: filters from the GeoReport v2 specification. */
  open311List(
    partnershipId: string,
    f: {
      references?: string[];
      serviceCodes?: string[];
      start?: string;
      end?: string;
      status?: 'open' | 'closed';
      limit: number;
    },
  ) {
    let q = this.db.selectFrom('reports').selectAll().where('partnership_id', '=', partnershipId);
    if (f.references?.length) q = q.where('reference', 'in', f.references);
    if (f.serviceCodes?.length) q = q.where('category_code', 'in', f.serviceCodes);
    if (f.start) q = q.where('created_at', '>=', f.start);
    if (f.end) q = q.where('created_at', '<=', f.end);
    if (f.status) q = q.where('state_kind', '=', f.status);
    return q.orderBy('created_at', 'desc').limit(f.limit).execute();
  }

  publicUpdates(reportId: string) {
    return this.db
      .selectFrom('report_updates')
      .select(['at', 'state_code', 'text', 'kind'])
      .where('report_id', '=', reportId)
      .where('public', '=', 1)
      .orderBy('at', 'desc')
      .execute();
  }

  /**
   * Reports that happened in [from, to): when the reporter gave a time, that time; otherwise when
   * the report was made (as the analysis reads them).
   */
  summariesInPeriod(partnershipId: string, fromIso: string, toIso: string): Promise<ReportSummaryRow[]> {
    return this.db
      .selectFrom('reports')
      .select([...SUMMARY_COLUMNS])
      .where('partnership_id', '=', partnershipId)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('occurred_kind', '=', 'at'),
            eb('occurred_at', 'is not', null),
            eb('occurred_at', '>=', fromIso),
            eb('occurred_at', '<', toIso),
          ]),
          eb.and([
            eb.or([eb('occurred_kind', '<>', 'at'), eb('occurred_at', 'is', null)]),
            eb('created_at', '>=', fromIso),
            eb('created_at', '<', toIso),
          ]),
        ]),
      )
      .orderBy('created_at')
      .execute();
  }
}
