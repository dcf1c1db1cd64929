import { BlockIndex, SMALL_SET_UP_TO, blockingKeys, broadBlockLimit } from './blocking.js';
import { K, compareRecords } from './comparisons.js';
import { prepareRecord, type PreparedRecord } from './normalise.js';
import { Scorer, TermFrequencies, toProbability } from './scoring.js';
import { COHERENCE_CLIP } from './cluster.js';
import { DEFAULT_BLOCKING } from './link.js';
import type { LinkageModel, PairExplanation, PersonCandidate, PersonRecord } from './types.js';

export interface IndexOptions {
  maxBlockSize?: number;
  /** Broad blocking keys are used while their block is at most this big (set by `build`). */
  broadBlockLimit?: number;
  /** Index the small-set blocking keys too (set by `build` for small sets; see blockingKeys). */
  smallSetKeys?: boolean;
}

export interface MatchOptions {
  /** Most candidate persons returned (best first). */
  limit?: number;
  /** Leave out persons whose best pair is below this probability (default: the possible band). */
  minProbability?: number;
  /** Records of a person scored for the mean probability at most. */
  maxRecordsPerPerson?: number;
}

/**
 * An in-memory index of person records for matching one new record at a time, kept up to date
 * with add/remove/assign. Persons are the caller's ids (e.g. clusters from linkAll); a record
 * added without one is its own person.
 */
export class LinkageIndex {
  private readonly slots: (PreparedRecord | null)[] = [];
  private readonly slotKeys: (string[] | null)[] = [];
  private readonly personOfSlot: string[] = [];
  private readonly slotById = new Map<string, number>();
  private readonly members = new Map<string, Set<number>>();
  private readonly blocks = new BlockIndex();
  private readonly tf = new TermFrequencies();
  private readonly maxBlockSize: number;
  private broadLimit: number;
  private smallSetKeys: boolean;

  constructor(
    readonly model: LinkageModel,
    options: IndexOptions = {},
  ) {
    this.maxBlockSize = options.maxBlockSize ?? DEFAULT_BLOCKING.maxBlockSize;
    this.broadLimit = options.broadBlockLimit ?? 30;
    this.smallSetKeys = options.smallSetKeys ?? false;
  }

  /** Builds an index over records; `personOf` maps record id to person id (default: the record's own id). */
  static build(
    model: LinkageModel,
    records: readonly PersonRecord[],
    personOf?: ReadonlyMap<string, string>,
    options: IndexOptions = {},
  ): LinkageIndex {
    const index = new LinkageIndex(model, {
      smallSetKeys: records.length <= SMALL_SET_UP_TO,
      ...options,
    });
    for (const r of records) index.add(r, personOf?.get(r.id));
    if (options.broadBlockLimit === undefined) {
      index.broadLimit = broadBlockLimit(
        index.blocks.blocks,
        index.size,
        DEFAULT_BLOCKING.broadPairsPerRecord,
        DEFAULT_BLOCKING.minBroadPairs,
        DEFAULT_BLOCKING.maxBroadBlockSize,
      );
    }
    return index;
  }

  get size(): number {
    return this.slotById.size;
  }

  personOf(recordId: string): string | undefined {
    const slot = this.slotById.get(recordId);
    return slot === undefined ? undefined : this.personOfSlot[slot];
  }

  /** Adds (or replaces) a record. */
  add(record: PersonRecord, personId: string = record.id): void {
    if (this.slotById.has(record.id)) this.remove(record.id);
    const slot = this.slots.length;
    const prepared = prepareRecord(record, slot);
    const keys = blockingKeys(prepared, this.smallSetKeys);
    this.slots.push(prepared);
    this.slotKeys.push(keys);
    this.personOfSlot.push(personId);
    this.slotById.set(record.id, slot);
    this.blocks.add(slot, keys);
    this.tf.add(prepared);
    let set = this.members.get(personId);
    if (!set) this.members.set(personId, (set = new Set()));
    set.add(slot);
  }

  remove(recordId: string): boolean {
    const slot = this.slotById.get(recordId);
    if (slot === undefined) return false;
    this.blocks.remove(slot, this.slotKeys[slot]!);
    this.tf.add(this.slots[slot]!, -1);
    const person = this.personOfSlot[slot];
    const set = this.members.get(person)!;
    set.delete(slot);
    if (!set.size) this.members.delete(person);
    this.slots[slot] = null;
    this.slotKeys[slot] = null;
    this.slotById.delete(recordId);
    return true;
  }

  /** Moves a record to another person (after a re-link or a staff decision). */
  assign(recordId: string, personId: string): void {
    const slot = this.slotById.get(recordId);
    if (slot === undefined) throw new Error(`record ${recordId} is not in the index`);
    const old = this.personOfSlot[slot];
    const set = this.members.get(old)!;
    set.delete(slot);
    if (!set.size) this.members.delete(old);
    this.personOfSlot[slot] = personId;
    let next = this.members.get(personId);
    if (!next) this.members.set(personId, (next = new Set()));
    next.add(slot);
  }

  private scorer(): Scorer {
    return new Scorer(this.model, this.tf, { records: this.size + 1 });
  }

  /** Candidate persons for one new record, best first, each with its best pair explained. */
  match(record: PersonRecord, options: MatchOptions = {}): PersonCandidate[] {
    const minProbability = options.minProbability ?? this.model.possibleProbability;
    const maxPerPerson = options.maxRecordsPerPerson ?? 50;
    const r = prepareRecord(record, -1);
    const self = this.slotById.get(record.id);
    const candidates = new Set<number>();
    for (const k of blockingKeys(r, this.smallSetKeys)) {
      const block = this.blocks.blocks.get(k);
      if (!block || block.length > (k.charCodeAt(0) === 126 ? this.broadLimit : this.maxBlockSize)) continue;
      for (const s of block) if (s !== self) candidates.add(s);
    }
    const scorer = this.scorer();
    const levels = new Int8Array(K);
    const best = new Map<string, { slot: number; weight: number }>();
    for (const s of candidates) {
      const other = this.slots[s]!;
      compareRecords(r, other, levels);
      const w = scorer.weight(levels, 0, r, other);
      const person = this.personOfSlot[s];
      const cur = best.get(person);
      if (!cur || w > cur.weight) best.set(person, { slot: s, weight: w });
    }
    const out: PersonCandidate[] = [];
    for (const [personId, b] of best) {
      const probability = toProbability(b.weight);
      if (probability < minProbability) continue;
      let sum = 0;
      let clipped = 0;
      let n = 0;
      for (const s of this.members.get(personId)!) {
        if (s === self) continue;
        if (n >= maxPerPerson) break;
        const other = this.slots[s]!;
        compareRecords(r, other, levels);
        const w = scorer.weight(levels, 0, r, other);
        sum += toProbability(w);
        clipped += Math.max(-COHERENCE_CLIP, Math.min(COHERENCE_CLIP, w));
        n++;
      }
      const meanProbability = n ? sum / n : probability;
      const p = this.model.minMeanProbability;
      const coherent = !n || clipped / n > Math.log2(p / (1 - p));
      const other = this.slots[b.slot]!;
      compareRecords(r, other, levels);
      const explanation = scorer.explain(levels, 0, r, other);
      let band = explanation.band;
      if (band === 'link' && !coherent) {
        band = 'possible';
        explanation.note =
          "the person's other records do not agree well enough with this one to link without review";
      }
      out.push({ personId, band, probability, matchWeight: b.weight, meanProbability, explanation });
    }
    out.sort((x, y) => y.matchWeight - x.matchWeight);
    return out.slice(0, options.limit ?? 10);
  }

  /** Explains the comparison of a record (or an indexed record's id) with an indexed record. */
  explain(a: PersonRecord | string, bId: string): PairExplanation {
    const sb = this.slotById.get(bId);
    if (sb === undefined) throw new Error(`record ${bId} is not in the index`);
    let ra: PreparedRecord;
    if (typeof a === 'string') {
      const sa = this.slotById.get(a);
      if (sa === undefined) throw new Error(`record ${a} is not in the index`);
      ra = this.slots[sa]!;
    } else ra = prepareRecord(a, -1);
    const levels = new Int8Array(K);
    compareRecords(ra, this.slots[sb]!, levels);
    return this.scorer().explain(levels, 0, ra, this.slots[sb]!);
  }
}
