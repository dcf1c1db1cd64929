import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { enqueueJob } from '../platform/jobs.js';
import { newId } from '../platform/db/ids.js';
import { linkAllInWorker } from './link-in-worker.js';
import type { StaffDecision } from './linkage/types.js';
import { MIN_TRAIN_RECORDS, buildState, setState, toEngineRecord } from './linkage-state.js';
import { PeopleRepository } from './repository.js';
import { moveRecords, type RecordMove } from './merge.js';
import type { PersonReferenceHolder } from './person-references.js';
import type { Updateable } from 'kysely';
import type { PeopleRelinkRunsTable } from './tables.js';

export const RELINK_JOB = 'people.relink';

export interface RelinkSummary {
  records: number;
  personsBefore: number;
  personsAfter: number;
  possibleMatches: number;
  recordsMoved: number;
  /** Why nothing changed, when so. */
  note?: string;
}

/** Staff decided a possible match while a re-link was running. */
class DecisionsChanged extends Error {
  constructor() {
    super('Staff decided a possible match while the re-link ran; run it again to include the decision');
  }
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Full re-link of a partnership's person records: the model is trained again on every record, the
 * records are clustered with staff decisions applied (confirmations join, rejections keep apart), and
 * persons, the records' references and the review queue are updated in one transaction. Clusters keep
 * the person id most of their records already had, so links stay stable; an emptied person is merged.
 */
export class RelinkService {
  /** `personReferences`: every module's person columns, from the composition root (merges need them). */
  constructor(
    private readonly deps: AppDeps,
    private readonly personReferences: readonly PersonReferenceHolder[] = [],
  ) {}

  /** Queues a re-link (or returns the one already queued or running). */
  async request(
    user: CurrentUser,
    meta: { ip?: string; requestId?: string } = {},
  ): Promise<{ runId: string; existing: boolean }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const active = await trx
        .selectFrom('people_relink_runs')
        .select('id')
        .where('partnership_id', '=', user.partnershipId)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      if (active) return { runId: active.id, existing: true };
      const runId = newId();
      const jobId = await enqueueJob(trx, this.deps.clock, user.partnershipId, RELINK_JOB, {
        partnershipId: user.partnershipId,
        runId,
      });
      await trx
        .insertInto('people_relink_runs')
        .values({
          id: runId,
          partnership_id: user.partnershipId,
          job_id: jobId,
          status: 'queued',
          requested_by: user.id,
          created_at: this.deps.clock.iso(),
        })
        .execute();
      await new AuditService(this.deps.db, this.deps.dialect, this.deps.clock).record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.name,
          action: 'people.relink-requested',
          subjectType: 'people_relink_run',
          subjectId: runId,
          ...meta,
        },
        trx,
      );
      return { runId, existing: false };
    });
  }

  /** Recent runs, newest first, with who asked. */
  runs(partnershipId: string, limit = 10) {
    return this.deps.db
      .selectFrom('people_relink_runs')
      .leftJoin('users', 'users.id', 'people_relink_runs.requested_by')
      .selectAll('people_relink_runs')
      .select('users.name as requested_by_name')
      .where('people_relink_runs.partnership_id', '=', partnershipId)
      .orderBy('people_relink_runs.created_at', 'desc')
      .limit(limit)
      .execute();
  }

  /** Runs a re-link now (the job handler and `asbhub people relink`); a run row, if given, follows its progress. */
  async run(partnershipId: string, runId?: string): Promise<RelinkSummary> {
    const db = this.deps.db;
    const setRun = (values: Updateable<PeopleRelinkRunsTable>, exec = db) =>
      runId
        ? exec.updateTable('people_relink_runs').set(values).where('id', '=', runId).execute()
        : Promise.resolve();
    await setRun({ status: 'running', started_at: this.deps.clock.iso(), error: null });
    try {
      const summary = await this.relink(partnershipId, (s, trx) =>
        setRun(
          {
            status: 'finished',
            finished_at: this.deps.clock.iso(),
            records: s.records,
            persons_before: s.personsBefore,
            persons_after: s.personsAfter,
            possible_matches: s.possibleMatches,
            records_moved: s.recordsMoved,
            error: s.note ?? null,
          },
          trx,
        ),
      );
      await new AuditService(db, this.deps.dialect, this.deps.clock).record({
        partnershipId,
        action: 'people.relinked',
        subjectType: 'people_relink_run',
        subjectId: runId ?? null,
        details: { ...summary },
      });
      return summary;
    } catch (err) {
      await setRun({
        status: 'failed',
        finished_at: this.deps.clock.iso(),
        error: String((err as Error).message).slice(0, 500),
      });
      throw err;
    }
  }

  private async relink(
    partnershipId: string,
    finish: (s: RelinkSummary, trx: AppDeps['db']) => Promise<unknown>,
  ): Promise<RelinkSummary> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.relinkOnce(partnershipId, finish);
      } catch (err) {
        if (!(err instanceof DecisionsChanged) || attempt >= 3) throw err;
      }
    }
  }

  private async relinkOnce(
    partnershipId: string,
    finish: (s: RelinkSummary, trx: AppDeps['db']) => Promise<unknown>,
  ): Promise<RelinkSummary> {
    const db = this.deps.db;
    const repo = new PeopleRepository(db);
    const rows = await repo.linkableRecords(partnershipId);
    const personsBefore = new Set(rows.map((r) => r.person_id)).size;
    if (rows.length < MIN_TRAIN_RECORDS) {
      const pending = (await repo.pendingPairs(partnershipId)).length;
      const summary = {
        records: rows.length,
        personsBefore,
        personsAfter: personsBefore,
        possibleMatches: pending,
        recordsMoved: 0,
        note: `Too few records to train a model (${rows.length}; at least ${MIN_TRAIN_RECORDS} are needed): records stay linked by exact matches.`,
      };
      await finish(summary, db);
      return summary;
    }
    const decisions: StaffDecision[] = (await repo.decisions(partnershipId)).map((d) => ({
      a: d.record_a_id,
      b: d.record_b_id,
      decision: d.status as StaffDecision['decision'],
    }));
    const result = await linkAllInWorker(rows.map(toEngineRecord), decisions);

    // Each cluster keeps the person most of its records had (largest clusters choose first).
    const current = new Map(rows.map((r) => [r.id, r.person_id]));
    const clusters = [...result.clusters].sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : 1));
    const taken = new Set<string>();
    const assignment = new Map<string, string>();
    const newPersons: { id: string; records: string[] }[] = [];
    for (const cluster of clusters) {
      const counts = new Map<string, number>();
      for (const id of cluster) {
        const p = current.get(id)!;
        if (!taken.has(p)) counts.set(p, (counts.get(p) ?? 0) + 1);
      }
      let personId = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
      if (!personId) {
        personId = newId();
        newPersons.push({ id: personId, records: cluster });
      }
      taken.add(personId);
      for (const id of cluster) assignment.set(id, personId);
    }
    const moves: RecordMove[] = rows
      .filter((r) => assignment.has(r.id) && assignment.get(r.id) !== r.person_id)
      .map((r) => ({ recordId: r.id, from: r.person_id, to: assignment.get(r.id)! }));

    const relinked = rows.map((r) => ({ ...r, person_id: assignment.get(r.id) ?? r.person_id }));
    const explainer = buildState(relinked, result.model)!.index;
    const decided = new Set(decisions.map((d) => pairKey(d.a, d.b)));
    const possible = result.possibleMatches.filter((p) => !decided.has(pairKey(p.a, p.b)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const now = this.deps.clock.iso();

    const summary = await db.transaction().execute(async (trx) => {
      const trepo = new PeopleRepository(trx);
      // A confirm or reject made while the model was clustering would be overwritten: start again with it.
      if ((await trepo.decisions(partnershipId)).length !== decisions.length) throw new DecisionsChanged();
      for (const p of newPersons) {
        const named = p.records.map((id) => byId.get(id)!).find((r) => r.given_name || r.surname);
        const any = byId.get(p.records[0])!;
        const name = named
          ? [named.given_name, named.surname].filter(Boolean).join(' ')
          : any.email || any.phone || 'Unnamed person';
        await trx
          .insertInto('persons')
          .values({
            id: p.id,
            partnership_id: partnershipId,
            display_name: name,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      const merged = await moveRecords(trx, partnershipId, moves, this.personReferences, { band: 'link' });
      // Records saved since the snapshot that still belong to a merged person follow it.
      if (merged.size) {
        const late = await trx
          .selectFrom('person_records')
          .select(['id', 'person_id'])
          .where('partnership_id', '=', partnershipId)
          .where('person_id', 'in', [...merged.keys()])
          .execute();
        await moveRecords(
          trx,
          partnershipId,
          late.map((r) => ({ recordId: r.id, from: r.person_id, to: merged.get(r.person_id)! })),
          this.personReferences,
        );
      }
      await trepo.deletePending(partnershipId);
      for (const p of possible) {
        // As when a record is saved: a is the later record, b the earlier (ids sort by time).
        const [b, a] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
        await trepo.insertPossible(
          partnershipId,
          { a, b, weight: p.matchWeight, probability: p.probability, explanation: explainer.explain(a, b) },
          now,
        );
      }
      const after = await trx
        .selectFrom('person_records')
        .select((eb) => eb.fn.count<number>('person_id').distinct().as('n'))
        .where('partnership_id', '=', partnershipId)
        .executeTakeFirstOrThrow();
      const s: RelinkSummary = {
        records: rows.length,
        personsBefore,
        personsAfter: Number(after.n),
        // One question per pair of people, as the review queue asks it.
        possibleMatches: new Set(
          possible.map((p) => pairKey(assignment.get(p.a) ?? p.a, assignment.get(p.b) ?? p.b)),
        ).size,
        recordsMoved: moves.length,
      };
      await finish(s, trx);
      return s;
    });
    // The next record saved is matched with the new model and the new persons.
    setState(db, partnershipId, buildState(await repo.linkableRecords(partnershipId), result.model));
    return summary;
  }
}
