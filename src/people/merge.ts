import type { Executor } from '../platform/audit/service.js';
import './tables.js';
import { chunks, type MovedRecord, type PersonReferenceHolder } from './person-references.js';

export interface RecordMove {
  recordId: string;
  /** The person the record belonged to. */
  from: string;
  to: string;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) (m.get(key(x)) ?? m.set(key(x), []).get(key(x))!).push(x);
  return m;
}

/**
 * Moves records to other persons inside the caller's transaction, with everything that refers to
 * them in other modules (each module's PersonReferenceHolder: the report a record came from, case
 * parties and powers-ladder steps made from it, Case Review victims and applicants...). Returns the
 * persons left without records (now merged) and where each went.
 */
export async function moveRecords(
  trx: Executor,
  partnershipId: string,
  moves: readonly RecordMove[],
  holders: readonly PersonReferenceHolder[],
  opts: { band?: string } = {},
): Promise<Map<string, string>> {
  const real = moves.filter((m) => m.from !== m.to);
  if (!real.length) return new Map();
  if (!holders.length)
    throw new Error(
      'Moving person records needs the person references of the other modules (src/composition.ts)',
    );
  const byTarget = groupBy(real, (m) => m.to);
  for (const [to, group] of byTarget) {
    for (const part of chunks(group.map((m) => m.recordId))) {
      await trx
        .updateTable('person_records')
        .set(opts.band ? { person_id: to, link_band: opts.band } : { person_id: to })
        .where('partnership_id', '=', partnershipId)
        .where('id', 'in', part)
        .execute();
      await trx
        .updateTable('person_corrections')
        .set({ person_id: to })
        .where('partnership_id', '=', partnershipId)
        .where('record_id', 'in', part)
        .execute();
    }
  }
  await followRecords(trx, partnershipId, real, holders);

  // Persons left with no records are merged into the person that took most of them.
  const sources = [...new Set(real.map((m) => m.from))];
  const stillHolding = new Set<string>();
  for (const part of chunks(sources)) {
    const rows = await trx
      .selectFrom('person_records')
      .select('person_id')
      .distinct()
      .where('partnership_id', '=', partnershipId)
      .where('person_id', 'in', part)
      .execute();
    for (const r of rows) stillHolding.add(r.person_id);
  }
  const merged = new Map<string, string>();
  for (const [from, group] of groupBy(real, (m) => m.from)) {
    if (stillHolding.has(from)) continue;
    const counts = new Map<string, number>();
    for (const m of group) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
    const to = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    merged.set(from, to);
  }
  await markMerged(trx, partnershipId, merged, holders);
  return merged;
}

/** Rows made from a moved record take the record's new person, in every module holding them. */
async function followRecords(
  trx: Executor,
  partnershipId: string,
  moves: readonly RecordMove[],
  holders: readonly PersonReferenceHolder[],
): Promise<void> {
  const sources = new Map<string, MovedRecord>();
  for (const part of chunks(moves.map((m) => m.recordId))) {
    const rows = await trx
      .selectFrom('person_records')
      .select(['id', 'source_type', 'source_id', 'role'])
      .where('partnership_id', '=', partnershipId)
      .where('id', 'in', part)
      .execute();
    for (const r of rows)
      sources.set(r.id, { recordId: r.id, sourceType: r.source_type, sourceId: r.source_id, role: r.role });
  }
  for (const [to, group] of groupBy(moves, (m) => m.to)) {
    const records = group.map((m) => sources.get(m.recordId)).filter((r): r is MovedRecord => !!r);
    for (const holder of holders) await holder.followRecords(trx, partnershipId, to, records);
  }
}

/** Marks persons as merged and re-points anything that still names them (and persons merged into them before). */
export async function markMerged(
  trx: Executor,
  partnershipId: string,
  merged: ReadonlyMap<string, string>,
  holders: readonly PersonReferenceHolder[],
): Promise<void> {
  for (const [from, to] of merged) {
    for (const holder of holders) await holder.repoint(trx, partnershipId, from, to);
    // A person's correction history goes with them.
    await trx
      .updateTable('person_corrections')
      .set({ person_id: to })
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', from)
      .execute();
    await trx
      .updateTable('persons')
      .set({ merged_into: to })
      .where('partnership_id', '=', partnershipId)
      .where('merged_into', '=', from)
      .execute();
    await trx
      .updateTable('persons')
      .set({ merged_into: to })
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', from)
      .execute();
  }
}
