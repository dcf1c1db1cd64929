import { sql } from 'kysely';
import type { Executor } from '../audit/service.js';

/** The next number of a per-partnership counter (for human references such as ASB-2026-000123). */
export async function nextSequence(db: Executor, partnershipId: string, name: string): Promise<number> {
  const row = await sql<{ value: number }>`
    insert into sequences (partnership_id, name, value) values (${partnershipId}, ${name}, 1)
    on conflict (partnership_id, name) do update set value = sequences.value + 1
    returning value`.execute(db);
  return Number(row.rows[0].value);
}

/** A reference like ASB-2026-000123: prefix, year, six-digit counter per prefix and year. */
export async function nextReference(
  db: Executor,
  partnershipId: string,
  prefix: string,
  year: number,
): Promise<string> {
  const n = await nextSequence(db, partnershipId, `${prefix}-${year}`);
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}
