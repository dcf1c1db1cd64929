import { trainModel } from './linkage/link.js';
import { LinkageIndex } from './linkage/linkage-index.js';
import type { LinkageModel, PersonRecord } from './linkage/types.js';
import type { PersonRecordsTable } from './tables.js';

/** Below this many records a partnership's model is not trained; saving a record falls back to exact matching. */
export const MIN_TRAIN_RECORDS = 100;

export interface LinkState {
  model: LinkageModel;
  index: LinkageIndex;
}

type Row = Pick<
  PersonRecordsTable,
  'id' | 'person_id' | 'given_name' | 'surname' | 'dob' | 'phone' | 'email' | 'address' | 'postcode' | 'uprn'
>;

export function toEngineRecord(r: Omit<Row, 'person_id'>): PersonRecord {
  return {
    id: r.id,
    givenName: r.given_name,
    surname: r.surname,
    dob: r.dob,
    phones: r.phone ? [r.phone] : null,
    email: r.email,
    addressLines: r.address ? [r.address] : null,
    postcode: r.postcode,
    uprn: r.uprn,
  };
}

/**
 * The trained model and match index per database and partnership, kept in memory. Trained on first
 * use (when there are enough records) and replaced by the re-link job.
 */
const states = new WeakMap<object, Map<string, LinkState>>();

export function cachedState(db: object, partnershipId: string): LinkState | undefined {
  return states.get(db)?.get(partnershipId);
}

export function setState(db: object, partnershipId: string, state: LinkState | undefined): void {
  let m = states.get(db);
  if (!m) states.set(db, (m = new Map()));
  if (state) m.set(partnershipId, state);
  else m.delete(partnershipId);
}

export function buildState(rows: readonly Row[], model?: LinkageModel): LinkState | undefined {
  if (!model && rows.length < MIN_TRAIN_RECORDS) return undefined;
  const records = rows.map(toEngineRecord);
  const trained = model ?? trainModel(records);
  const index = LinkageIndex.build(trained, records, new Map(rows.map((r) => [r.id, r.person_id])));
  return { model: trained, index };
}
