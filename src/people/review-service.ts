import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { notFound, HttpError } from '../platform/web/errors.js';
import { PeopleRepository } from './repository.js';
import { cachedState } from './linkage-state.js';
import { moveRecords } from './merge.js';
import type { PersonReferenceHolder } from './person-references.js';
import type { PairExplanation } from './linkage/types.js';

export interface RequestMeta {
  ip?: string;
  requestId?: string;
}

export const REVIEW_PAGE_SIZE = 20;

interface PendingGroup {
  best: Awaited<ReturnType<PeopleRepository['pendingPairs']>>[number];
  matchIds: string[];
}

/** Staff review of possible matches: confirm (merge the two persons) or reject (keep apart). */
export class ReviewService {
  /** `personReferences`: every module's person columns, from the composition root (merges need them). */
  constructor(
    private readonly deps: AppDeps,
    private readonly personReferences: readonly PersonReferenceHolder[] = [],
  ) {}

  private audit() {
    return new AuditService(this.deps.db, this.deps.dialect, this.deps.clock);
  }

  /**
   * Pending possible matches, one per pair of persons (the strongest pair of records between them),
   * most likely first. Pairs already inside one person (merged by another decision or a re-link) need
   * no review and are left out.
   */
  async pendingGroups(
    partnershipId: string,
    repo = new PeopleRepository(this.deps.db),
  ): Promise<PendingGroup[]> {
    const groups = new Map<string, PendingGroup>();
    for (const m of await repo.pendingPairs(partnershipId)) {
      if (m.person_a === m.person_b) continue;
      const key = m.person_a < m.person_b ? `${m.person_a} ${m.person_b}` : `${m.person_b} ${m.person_a}`;
      const g = groups.get(key);
      if (g) g.matchIds.push(m.id);
      else groups.set(key, { best: m, matchIds: [m.id] });
    }
    return [...groups.values()];
  }

  /** One page of the queue, with both records side by side and the explanation of the strongest pair. */
  async queue(user: CurrentUser, page = 1, meta: RequestMeta = {}) {
    const repo = new PeopleRepository(this.deps.db);
    const groups = await this.pendingGroups(user.partnershipId, repo);
    const pages = Math.max(1, Math.ceil(groups.length / REVIEW_PAGE_SIZE));
    const current = Math.min(Math.max(1, page), pages);
    const shown = groups.slice((current - 1) * REVIEW_PAGE_SIZE, current * REVIEW_PAGE_SIZE);
    const ids = [...new Set(shown.flatMap((g) => [g.best.record_a_id, g.best.record_b_id]))];
    const [recordRows, explanationRows] = await Promise.all([
      repo.recordsById(user.partnershipId, ids),
      repo.explanations(
        user.partnershipId,
        shown.map((g) => g.best.id),
      ),
    ]);
    const records = new Map(recordRows.map((r) => [r.id, r]));
    const explanations = new Map(
      explanationRows.map((r) => [r.id, JSON.parse(r.explanation) as PairExplanation]),
    );
    const items = shown.map((g) => ({
      id: g.best.id,
      probability: g.best.probability,
      weight: g.best.match_weight,
      pairs: g.matchIds.length,
      explanation: explanations.get(g.best.id)!,
      a: records.get(g.best.record_a_id)!,
      b: records.get(g.best.record_b_id)!,
    }));
    await this.audit().record({
      partnershipId: user.partnershipId,
      userId: user.id,
      userLabel: user.name,
      action: 'people.review-queue-viewed',
      subjectType: 'possible_matches',
      details: { shown: items.length, page: current },
      ...meta,
    });
    return { items, total: groups.length, page: current, pages };
  }

  /** The two persons a possible match is between (for the need-to-know check before a decision). */
  matchPersons(partnershipId: string, matchId: string): Promise<string[]> {
    return new PeopleRepository(this.deps.db).matchPersons(partnershipId, matchId);
  }

  /**
   * Confirm (merge the two persons) or reject (keep them apart). The decision covers every pending
   * pair of records between the same two persons, so the same question is not asked twice.
   */
  async decide(
    user: CurrentUser,
    matchId: string,
    decision: 'confirmed' | 'rejected',
    meta: RequestMeta = {},
  ): Promise<{ personId: string }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new PeopleRepository(trx);
      const m = await repo.match(user.partnershipId, matchId);
      if (!m) throw notFound('Possible match');
      if (m.status !== 'pending') throw new HttpError(409, 'This possible match has already been decided');
      const [a, b] = await Promise.all([
        repo.recordsById(user.partnershipId, [m.record_a_id]).then((r) => r[0]),
        repo.recordsById(user.partnershipId, [m.record_b_id]).then((r) => r[0]),
      ]);
      const now = this.deps.clock.iso();
      const samePersons =
        a.person_id === b.person_id
          ? [m.id]
          : await repo.pendingBetween(user.partnershipId, a.person_id, b.person_id);
      await repo.decide(samePersons, decision, user.id, now);
      let personId = a.person_id;
      let moved: string[] = [];
      if (decision === 'confirmed' && a.person_id !== b.person_id) {
        // Keep the person that already has the earlier record (b was there first).
        personId = b.person_id;
        const from = a.person_id;
        moved = (await repo.recordsOfPerson(user.partnershipId, from)).map((r) => r.id);
        // Reports, case parties, ladder steps and Case Reviews follow their records; the emptied person is marked merged.
        await moveRecords(
          trx,
          user.partnershipId,
          moved.map((recordId) => ({ recordId, from, to: personId })),
          this.personReferences,
          { band: 'staff' },
        );
        const index = cachedState(this.deps.db, user.partnershipId)?.index;
        for (const id of moved) if (index?.personOf(id) !== undefined) index.assign(id, personId);
      }
      await this.audit().record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.name,
          action: decision === 'confirmed' ? 'people.match-confirmed' : 'people.match-rejected',
          subjectType: 'possible_match',
          subjectId: m.id,
          details: {
            recordA: a.id,
            recordB: b.id,
            personA: a.person_id,
            personB: b.person_id,
            pairsDecided: samePersons.length,
            movedRecords: moved.length,
          },
          ...meta,
        },
        trx,
      );
      return { personId };
    });
  }
}
