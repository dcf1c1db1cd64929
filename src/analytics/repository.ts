import { sql, type Transaction } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { Database } from '../platform/db/schema.js';
import type { Executor } from '../platform/audit/service.js';
import type {
  AnalyticsAreasTable,
  AnalyticsAssetsTable,
  AnalyticsImportsTable,
  AnalyticsProfilesTable,
  AnalyticsRecordsTable,
  AnalyticsSourcesTable,
} from './tables.js';

/** Rows per multi-row insert: 17 columns x 500 rows stays well under SQLite's 32,766 bound parameters. */
const RECORD_CHUNK = 500;

/** What the analysis reads of a record. */
export type RecordRow = Pick<
  AnalyticsRecordsTable,
  'category' | 'month' | 'occurred_at' | 'lon' | 'lat' | 'easting' | 'northing' | 'location' | 'area_code'
>;

export interface RecordFilter {
  source: string;
  /** Omit for every category. */
  category?: string;
  monthFrom: string;
  monthTo: string;
  areaCode?: string;
}

export interface SourceFacet {
  source: string;
  category: string;
  records: number;
  firstMonth: string;
  lastMonth: string;
  timed: number;
}

/** All SQL of the analytics module. */
export class AnalyticsRepository {
  constructor(private readonly db: Db) {}

  /** Inserts records, leaving out any whose (source, key) is already held; returns how many were added. */
  async insertRecords(trx: Executor, rows: AnalyticsRecordsTable[]): Promise<number> {
    let added = 0;
    for (let i = 0; i < rows.length; i += RECORD_CHUNK) {
      const r = await trx
        .insertInto('analytics_records')
        .values(rows.slice(i, i + RECORD_CHUNK))
        .onConflict((oc) => oc.columns(['partnership_id', 'source', 'record_key']).doNothing())
        .executeTakeFirst();
      added += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  insertImport(trx: Executor, row: AnalyticsImportsTable) {
    return trx.insertInto('analytics_imports').values(row).execute();
  }

  listImports(partnershipId: string, limit = 50) {
    return this.db
      .selectFrom('analytics_imports')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('started_at', 'desc')
      .limit(limit)
      .execute();
  }

  getImport(partnershipId: string, id: string) {
    return this.db
      .selectFrom('analytics_imports')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  records(partnershipId: string, f: RecordFilter): Promise<RecordRow[]> {
    let q = this.db
      .selectFrom('analytics_records')
      .select([
        'category',
        'month',
        'occurred_at',
        'lon',
        'lat',
        'easting',
        'northing',
        'location',
        'area_code',
      ])
      .where('partnership_id', '=', partnershipId)
      .where('source', '=', f.source)
      .where('month', '>=', f.monthFrom)
      .where('month', '<=', f.monthTo);
    if (f.category) q = q.where('category', '=', f.category);
    if (f.areaCode) q = q.where('area_code', '=', f.areaCode);
    return q.orderBy('month').orderBy('record_key').execute();
  }

  /** Per source and category: how many records, the months they span and how many carry a time. */
  async facets(partnershipId: string): Promise<SourceFacet[]> {
    const rows = await this.db
      .selectFrom('analytics_records')
      .select((eb) => [
        'source',
        'category',
        eb.fn.countAll<number>().as('records'),
        eb.fn.min('month').as('firstMonth'),
        eb.fn.max('month').as('lastMonth'),
        eb.fn.count<number>('occurred_at').as('timed'),
      ])
      .where('partnership_id', '=', partnershipId)
      .groupBy(['source', 'category'])
      .orderBy('source')
      .orderBy('category')
      .execute();
    return rows.map((r) => ({ ...r, records: Number(r.records), timed: Number(r.timed) }));
  }

  countRecords(partnershipId: string, source?: string) {
    let q = this.db
      .selectFrom('analytics_records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('partnership_id', '=', partnershipId);
    if (source) q = q.where('source', '=', source);
    return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
  }

  // ------------------------------------------------------------------ areas

  areas(partnershipId: string) {
    return this.db
      .selectFrom('analytics_areas')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('code')
      .execute();
  }

  async replaceAreas(
    trx: Transaction<Database>,
    partnershipId: string,
    rows: AnalyticsAreasTable[],
  ): Promise<void> {
    await trx.deleteFrom('analytics_areas').where('partnership_id', '=', partnershipId).execute();
    if (rows.length) await trx.insertInto('analytics_areas').values(rows).execute();
  }

  // ------------------------------------------------------------------ partner sources

  sources(partnershipId: string) {
    return this.db
      .selectFrom('analytics_sources')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('name')
      .execute();
  }

  source(partnershipId: string, code: string) {
    return this.db
      .selectFrom('analytics_sources')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('code', '=', code)
      .executeTakeFirst();
  }

  async saveSource(trx: Executor, row: AnalyticsSourcesTable): Promise<void> {
    await trx
      .insertInto('analytics_sources')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['partnership_id', 'code'])
          .doUpdateSet({ name: row.name, kind: row.kind, mapping: row.mapping, updated_at: row.updated_at }),
      )
      .execute();
  }

  // ------------------------------------------------------------------ assets

  /** Adds assets or updates those already held (same kind and reference); returns [added, updated]. */
  async upsertAssets(
    trx: Executor,
    rows: AnalyticsAssetsTable[],
  ): Promise<{ added: number; updated: number }> {
    let added = 0;
    for (let i = 0; i < rows.length; i += RECORD_CHUNK) {
      const chunk = rows.slice(i, i + RECORD_CHUNK);
      const held = await trx
        .selectFrom('analytics_assets')
        .select('asset_ref')
        .where('partnership_id', '=', chunk[0].partnership_id)
        .where('kind', '=', chunk[0].kind)
        .where(
          'asset_ref',
          'in',
          chunk.map((r) => r.asset_ref),
        )
        .execute();
      added += chunk.length - held.length;
      await trx
        .insertInto('analytics_assets')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['partnership_id', 'kind', 'asset_ref']).doUpdateSet((eb) => ({
            label: eb.ref('excluded.label'),
            status: eb.ref('excluded.status'),
            lon: eb.ref('excluded.lon'),
            lat: eb.ref('excluded.lat'),
            easting: eb.ref('excluded.easting'),
            northing: eb.ref('excluded.northing'),
            import_id: eb.ref('excluded.import_id'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    return { added, updated: rows.length - added };
  }

  assets(partnershipId: string, kind?: string) {
    let q = this.db.selectFrom('analytics_assets').selectAll().where('partnership_id', '=', partnershipId);
    if (kind) q = q.where('kind', '=', kind);
    return q.orderBy('kind').orderBy('asset_ref').execute();
  }

  async assetCounts(partnershipId: string): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('analytics_assets')
      .select((eb) => ['kind', eb.fn.countAll<number>().as('n')])
      .where('partnership_id', '=', partnershipId)
      .groupBy('kind')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
  }

  // ------------------------------------------------------------------ problem profiles

  insertProfile(trx: Executor, row: AnalyticsProfilesTable) {
    return trx.insertInto('analytics_profiles').values(row).execute();
  }

  updateProfileText(
    trx: Executor,
    partnershipId: string,
    id: string,
    text: { findings: string; recommendations: string; updated_at: string },
  ) {
    return trx
      .updateTable('analytics_profiles')
      .set(text)
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .execute();
  }

  profile(partnershipId: string, id: string) {
    return this.db
      .selectFrom('analytics_profiles')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  profiles(partnershipId: string) {
    return this.db
      .selectFrom('analytics_profiles')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('updated_at', 'desc')
      .execute();
  }

  /** Imported records with a time of day in [from, to) (partner sources; police.uk has months only). */
  timedRecords(partnershipId: string, fromIso: string, toIso: string) {
    return this.db
      .selectFrom('analytics_records')
      .select(['source', 'category', 'occurred_at', 'lon', 'lat', 'location', 'area_code'])
      .where('partnership_id', '=', partnershipId)
      .where('occurred_at', '>=', fromIso)
      .where('occurred_at', '<', toIso)
      .execute();
  }
}

/** For tests and benchmarks: how many rows a table holds. */
export async function tableCount(
  db: Db,
  table: 'analytics_records' | 'analytics_imports' | 'analytics_assets',
): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0].n);
}
