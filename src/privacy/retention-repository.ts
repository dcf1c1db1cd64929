import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Executor } from '../platform/audit/service.js';
import type {
  PersonalDataTable,
  RecordTypeDeclaration,
  RetentionKeep,
  Scrub,
} from '../platform/personal-data.js';

/**
 * SQL run on other modules' tables from their personal-data declarations: the declarations are the
 * contract (which table, which columns, how rows belong to a record), so this is the one place that
 * reads and anonymises across modules, for retention and subject access.
 */
type AnyDb = Kysely<any>;
const anyDb = (db: Executor) => db as unknown as AnyDb;

const REDACTED = '[removed]';

function scrubExpression(column: string, scrub: Scrub): RawBuilder<unknown> | null {
  const ref = sql.ref(column);
  switch (scrub) {
    case 'null':
      return null;
    case 'redact':
      return sql`case when ${ref} is null then null else ${REDACTED} end`;
    case 'empty-json':
      return sql`case when ${ref} is null then null else '{}' end`;
    case 'postcode-district': {
      const bare = sql`replace(${ref}, ' ', '')`;
      return sql`case when length(${bare}) >= 5 then substr(${bare}, 1, length(${bare}) - 3) else ${ref} end`;
    }
  }
}

/** Restricts a query on a declared table to the rows of these records. */
function whereLinked<Q extends { where: (...a: any[]) => Q }>(
  db: AnyDb,
  qb: Q,
  t: PersonalDataTable,
  recordType: string,
  ids: readonly string[],
): Q {
  const l = t.link;
  if ('self' in l) return qb.where('id', 'in', ids);
  if ('via' in l)
    return qb.where(l.column, 'in', db.selectFrom(l.via.table).select('id').where(l.via.column, 'in', ids));
  if ('types' in l) {
    const codes = Object.entries(l.types)
      .filter(([, v]) => v === recordType)
      .map(([k]) => k);
    return qb.where(l.typeColumn, 'in', codes).where(l.column, 'in', ids);
  }
  return qb.where(l.column, 'in', ids);
}

export class RetentionRepository {
  constructor(private readonly db: Executor) {}

  /** Records whose trigger date is before the cutoff, not open and not yet dealt with, oldest first. */
  async candidates(
    partnershipId: string,
    rt: RecordTypeDeclaration,
    cutoff: string,
    limit: number,
  ): Promise<{ id: string; trigger: string; teamId: string | null }[]> {
    const db = anyDb(this.db);
    let q = db
      .selectFrom(`${rt.table} as r`)
      .select([
        'r.id as id',
        `r.${rt.trigger.column} as trigger`,
        rt.teamColumn ? `r.${rt.teamColumn} as teamId` : sql<null>`null`.as('teamId'),
      ])
      .where('r.partnership_id', '=', partnershipId)
      .where(`r.${rt.trigger.column}`, 'is not', null)
      .where(`r.${rt.trigger.column}`, '<', cutoff)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('privacy_retention_done as d')
              .select('d.id')
              .where('d.partnership_id', '=', partnershipId)
              .where('d.record_type', '=', rt.code)
              .whereRef('d.record_id', '=', 'r.id'),
          ),
        ),
      );
    if (rt.openWhen) q = q.where(`r.${rt.openWhen.column}`, 'not in', rt.openWhen.values);
    const rows = await q.orderBy(`r.${rt.trigger.column}`).orderBy('r.id').limit(limit).execute();
    return rows.map((r: any) => ({ id: String(r.id), trigger: String(r.trigger), teamId: r.teamId ?? null }));
  }

  /** Of these ids, those another module keeps (e.g. reports linked to an open case). */
  async keptBy(
    keep: RetentionKeep,
    open: RecordTypeDeclaration,
    ids: readonly string[],
  ): Promise<Set<string>> {
    if (!ids.length || !open.openWhen) return new Set();
    const rows = await anyDb(this.db)
      .selectFrom(`${keep.table} as k`)
      .innerJoin(`${open.table} as o`, 'o.id', `k.${keep.openColumn}`)
      .select(`k.${keep.column} as id`)
      .where(`k.${keep.column}`, 'in', ids)
      .where(`o.${open.openWhen.column}`, 'in', open.openWhen.values)
      .execute();
    return new Set(rows.map((r: any) => String(r.id)));
  }

  /** Agency of each team. */
  async teamAgencies(partnershipId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('teams')
      .select(['id', 'agency_id'])
      .where('partnership_id', '=', partnershipId)
      .execute();
    return new Map(rows.map((r) => [r.id, r.agency_id]));
  }

  /** The rows of these records in a declared table. */
  async rows(
    t: PersonalDataTable,
    recordType: string,
    ids: readonly string[],
  ): Promise<Record<string, unknown>[]> {
    if (!ids.length) return [];
    const db = anyDb(this.db);
    return whereLinked(db, db.selectFrom(t.table).selectAll(), t, recordType, ids).execute();
  }

  /** Anonymises (or deletes) the rows of these records in a declared table; returns the files they stood for. */
  async retire(
    t: PersonalDataTable,
    recordType: string,
    ids: readonly string[],
    uploadDir: string,
    deleteRows: boolean,
  ): Promise<{ rows: number; files: string[] }> {
    if (!ids.length) return { rows: 0, files: [] };
    const db = anyDb(this.db);
    const files = t.file ? (await this.rows(t, recordType, ids)).map((r) => t.file!(uploadDir, r)) : [];
    if (deleteRows || t.deleteOnRetention) {
      const r = await whereLinked(db, db.deleteFrom(t.table), t, recordType, ids).executeTakeFirst();
      return { rows: Number(r.numDeletedRows), files };
    }
    const set: Record<string, unknown> = {};
    for (const [column, scrub] of Object.entries(t.personal)) set[column] = scrubExpression(column, scrub);
    const r = await whereLinked(db, db.updateTable(t.table).set(set), t, recordType, ids).executeTakeFirst();
    return { rows: Number(r.numUpdatedRows), files };
  }
}
