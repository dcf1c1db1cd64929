import type { Executor } from '../platform/audit/service.js';
import './tables.js';

/**
 * Every column outside the people module that holds a person id. When a record moves to another
 * person (a confirmed match, a re-link), the row made from that record follows it; a person left
 * with no records is marked as merged into the person that took them, and anything still naming it
 * is re-pointed. `test/http/people-relink.test.ts` checks that no other column holds a person id.
 */
export const PERSON_REFERENCES = [
  { table: 'reports', column: 'reporter_person_id' },
  { table: 'case_parties', column: 'person_id' },
  { table: 'ladder_steps', column: 'person_id' },
  { table: 'case_reviews', column: 'victim_person_id' },
  { table: 'case_reviews', column: 'applicant_person_id' },
] as const;

export interface RecordMove {
  recordId: string;
  /** The person the record belonged to. */
  from: string;
  to: string;
}

const CHUNK = 500;
function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) (m.get(key(x)) ?? m.set(key(x), []).get(key(x))!).push(x);
  return m;
}

/**
 * Moves records to other persons inside the caller's transaction, with everything that refers to
 * them: the report a record came from, case parties and powers-ladder steps made from it, Case
 * Review victims and applicants. Returns the persons left without records (now merged) and where
 * each went.
 */
export async function moveRecords(
  trx: Executor,
  partnershipId: string,
  moves: readonly RecordMove[],
  opts: { band?: string } = {},
): Promise<Map<string, string>> {
  const real = moves.filter((m) => m.from !== m.to);
  if (!real.length) return new Map();
  const byTarget = groupBy(real, (m) => m.to);
  for (const [to, group] of byTarget) {
    for (const part of chunks(group.map((m) => m.recordId))) {
      await trx
        .updateTable('person_records')
        .set(opts.band ? { person_id: to, link_band: opts.band } : { person_id: to })
        .where('partnership_id', '=', partnershipId)
        .where('id', 'in', part)
        .execute();
    }
  }
  await followRecords(trx, partnershipId, real);

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
  await markMerged(trx, partnershipId, merged);
  return merged;
}

/** Rows made from a moved record take the record's new person. */
async function followRecords(
  trx: Executor,
  partnershipId: string,
  moves: readonly RecordMove[],
): Promise<void> {
  const recordIds = moves.map((m) => m.recordId);
  const sources = new Map<string, { source_type: string; source_id: string | null; role: string }>();
  for (const part of chunks(recordIds)) {
    const rows = await trx
      .selectFrom('person_records')
      .select(['id', 'source_type', 'source_id', 'role'])
      .where('partnership_id', '=', partnershipId)
      .where('id', 'in', part)
      .execute();
    for (const r of rows) sources.set(r.id, r);
  }
  for (const [to, group] of groupBy(moves, (m) => m.to)) {
    const ids = group.map((m) => m.recordId);
    const reportIds = ids
      .map((id) => sources.get(id))
      .filter((s) => s && (s.source_type === 'report' || s.source_type === 'call') && s.source_id)
      .map((s) => s!.source_id!);
    const applicantOf = ids
      .map((id) => sources.get(id))
      .filter((s) => s && s.source_type === 'case-review' && s.role === 'representative' && s.source_id)
      .map((s) => s!.source_id!);
    for (const part of chunks(reportIds)) {
      await trx
        .updateTable('reports')
        .set({ reporter_person_id: to })
        .where('partnership_id', '=', partnershipId)
        .where('id', 'in', part)
        .execute();
    }
    for (const part of chunks(ids)) {
      const parties = await trx
        .selectFrom('case_parties')
        .select('id')
        .where('partnership_id', '=', partnershipId)
        .where('person_record_id', 'in', part)
        .execute();
      if (parties.length) {
        const partyIds = parties.map((p) => p.id);
        await trx.updateTable('case_parties').set({ person_id: to }).where('id', 'in', partyIds).execute();
        await trx
          .updateTable('ladder_steps')
          .set({ person_id: to, subject_key: `person:${to}` })
          .where('partnership_id', '=', partnershipId)
          .where('party_id', 'in', partyIds)
          .execute();
      }
      await trx
        .updateTable('case_reviews')
        .set({ victim_person_id: to })
        .where('partnership_id', '=', partnershipId)
        .where('victim_person_record_id', 'in', part)
        .execute();
    }
    for (const part of chunks(applicantOf)) {
      await trx
        .updateTable('case_reviews')
        .set({ applicant_person_id: to })
        .where('partnership_id', '=', partnershipId)
        .where('id', 'in', part)
        .execute();
    }
  }
}

/** Marks persons as merged and re-points anything that still names them (and persons merged into them before). */
export async function markMerged(
  trx: Executor,
  partnershipId: string,
  merged: ReadonlyMap<string, string>,
): Promise<void> {
  for (const [from, to] of merged) {
    for (const ref of PERSON_REFERENCES) {
      if (ref.table === 'ladder_steps') {
        await trx
          .updateTable('ladder_steps')
          .set({ person_id: to, subject_key: `person:${to}` })
          .where('partnership_id', '=', partnershipId)
          .where('person_id', '=', from)
          .execute();
        continue;
      }
      await trx
        .updateTable(ref.table)
        .set({ [ref.column]: to } as never)
        .where('partnership_id', '=', partnershipId)
        .where(ref.column as never, '=', from as never)
        .execute();
    }
    await trx
      .updateTable('ladder_steps')
      .set({ subject_key: `person:${to}` })
      .where('partnership_id', '=', partnershipId)
      .where('subject_key', '=', `person:${from}`)
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
