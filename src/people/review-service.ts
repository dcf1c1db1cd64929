import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { notFound, HttpError } from '../platform/web/errors.js';
import { PeopleRepository } from './repository.js';
import { cachedState } from './linkage-state.js';
import { moveRecords } from './merge.js';
import type { PairExplanation } from './linkage/types.js';

export interface RequestMeta {
  ip?: string;
  requestId?: string;
}

/** Staff review of possible matches: confirm (merge the two persons) or reject (keep apart). */
export class ReviewService {
  constructor(private readonly deps: AppDeps) {}

  private audit() {
    return new AuditService(this.deps.db, this.deps.dialect, this.deps.clock);
  }

  /** Pending pairs with both records, for side-by-side review. */
  async queue(user: CurrentUser, meta: RequestMeta = {}) {
    const repo = new PeopleRepository(this.deps.db);
    const pending = await repo.pending(user.partnershipId);
    const ids = [...new Set(pending.flatMap((m) => [m.record_a_id, m.record_b_id]))];
    const records = new Map((await repo.recordsById(user.partnershipId, ids)).map((r) => [r.id, r]));
    const items = pending
      .map((m) => ({
        id: m.id,
        probability: m.probability,
        weight: m.match_weight,
        explanation: JSON.parse(m.explanation) as PairExplanation,
        a: records.get(m.record_a_id)!,
        b: records.get(m.record_b_id)!,
      }))
      // A pair already in one person (merged by another decision or a re-link) needs no review.
      .filter((x) => x.a && x.b && x.a.person_id !== x.b.person_id);
    await this.audit().record({
      partnershipId: user.partnershipId,
      userId: user.id,
      userLabel: user.name,
      action: 'people.review-queue-viewed',
      subjectType: 'possible_matches',
      details: { shown: items.length },
      ...meta,
    });
    return items;
  }

  async decide(user: CurrentUser, matchId: string, decision: 'confirmed' | 'rejected', meta: RequestMeta = {}): Promise<{ personId: string }> {
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
      await repo.decide(m.id, decision, user.id, now);
      let personId = a.person_id;
      let moved: string[] = [];
      if (decision === 'confirmed' && a.person_id !== b.person_id) {
        // Keep the person that already has the earlier record (b was there first).
        personId = b.person_id;
        const from = a.person_id;
        moved = (await repo.recordsOfPerson(user.partnershipId, from)).map((r) => r.id);
        // Reports, case parties, ladder steps and Case Reviews follow their records; the emptied person is marked merged.
        await moveRecords(trx, user.partnershipId, moved.map((recordId) => ({ recordId, from, to: personId })), { band: 'staff' });
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
          details: { recordA: a.id, recordB: b.id, personA: a.person_id, personB: b.person_id, movedRecords: moved.length },
          ...meta,
        },
        trx,
      );
      return { personId };
    });
  }
}
