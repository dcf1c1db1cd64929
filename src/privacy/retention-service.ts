import fs from 'node:fs/promises';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { addCalendarMonths, addDays, todayInLondon, type IsoDate } from '../platform/dates/calendar-date.js';
import type { RecordTypeDeclaration } from '../platform/personal-data.js';
import { PeopleRepository } from '../people/repository.js';
import { loadCatalogue, tablesFor, type Catalogue } from './catalogue.js';
import { PrivacyRepository } from './repository.js';
import { RetentionRepository } from './retention-repository.js';
import type { PrivacyHoldsTable } from './tables.js';

import { loadSchedules, saveSchedule, type RetentionAction, type Schedule } from './schedules.js';

export type { RetentionAction, Schedule };

/** One record type's part of a run: ids only, never what they held. */
export interface RecordTypeResult {
  recordType: string;
  label: string;
  action: RetentionAction;
  years: number;
  trigger: string;
  due: string[];
  held: { id: string; reason: string; reviewOn?: string }[];
  done: string[];
  filesRemoved: number;
}

export interface RunResult {
  runId: string;
  dryRun: boolean;
  types: RecordTypeResult[];
  personsAnonymised: number;
}

export interface RunOptions {
  dryRun?: boolean;
  requestedBy: string;
  batchSize?: number;
  /** Looks this many days ahead (for the review list): what will fall due soon. */
  aheadDays?: number;
  /** A dry run for a page: not written to the run history. */
  preview?: boolean;
  /** Called after each committed batch (tests use it to stop a run part-way, as a crash would). */
  afterBatch?: (recordType: string, done: number) => Promise<void> | void;
}

const MAX_CANDIDATES = 50_000;

/**
 * Retention: finds records past their schedule (N years after the trigger date), leaves those on
 * legal hold or kept open, and anonymises or deletes the rest, a batch per transaction. Each record
 * dealt with is written down in the same transaction, so a run stopped part-way resumes without
 * doing anything twice; files are removed from disk after the commit, and again on the next run if
 * the process stopped in between.
 */
export class RetentionService {
  private readonly audit: AuditService;
  constructor(
    private readonly deps: AppDeps,
    private readonly catalogue?: Catalogue,
  ) {
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  private cat(): Promise<Catalogue> {
    return this.catalogue ? Promise.resolve(this.catalogue) : loadCatalogue();
  }

  today(): IsoDate {
    return todayInLondon(this.deps.clock.now());
  }

  /** Every record type's schedules: the default, the partnership's own, and each agency's. */
  async schedules(partnershipId: string): Promise<Schedule[]> {
    return loadSchedules(this.deps, await this.cat(), partnershipId);
  }

  saveSchedule(
    user: CurrentUser,
    s: { recordType: string; agencyId: string | null; years: number; action: RetentionAction },
    meta: { ip?: string; requestId?: string } = {},
  ): Promise<void> {
    return saveSchedule(this.deps, user, s, meta);
  }

  async placeHold(
    user: CurrentUser,
    h: { recordType: string; recordId: string; reason: string; reviewOn: IsoDate },
    meta: { ip?: string; requestId?: string } = {},
  ): Promise<string> {
    const id = newId();
    await this.deps.db.transaction().execute(async (trx) => {
      await new PrivacyRepository(trx).insertHold({
        id,
        partnership_id: user.partnershipId,
        record_type: h.recordType,
        record_id: h.recordId,
        reason: h.reason,
        review_on: h.reviewOn,
        placed_by: user.id,
        placed_at: this.deps.clock.iso(),
        released_at: null,
        released_by: null,
      });
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.name,
          action: 'privacy.hold-placed',
          subjectType: h.recordType,
          subjectId: h.recordId,
          reason: h.reason,
          details: { holdId: id, reviewOn: h.reviewOn },
          ...meta,
        },
        trx,
      );
    });
    return id;
  }

  async releaseHold(user: CurrentUser, holdId: string, meta: { ip?: string; requestId?: string } = {}) {
    await this.deps.db.transaction().execute(async (trx) => {
      const n = await new PrivacyRepository(trx).releaseHold(
        user.partnershipId,
        holdId,
        user.id,
        this.deps.clock.iso(),
      );
      if (n)
        await this.audit.record(
          {
            partnershipId: user.partnershipId,
            userId: user.id,
            userLabel: user.name,
            action: 'privacy.hold-released',
            subjectType: 'privacy_hold',
            subjectId: holdId,
            ...meta,
          },
          trx,
        );
    });
  }

  holds(partnershipId: string): Promise<PrivacyHoldsTable[]> {
    return new PrivacyRepository(this.deps.db).activeHolds(partnershipId);
  }

  runs(partnershipId: string) {
    return new PrivacyRepository(this.deps.db).runs(partnershipId);
  }

  /** Runs retention for one partnership (or, with dryRun, only says what it would do). */
  async run(partnershipId: string, opts: RunOptions): Promise<RunResult> {
    const c = await this.cat();
    const repo = new PrivacyRepository(this.deps.db);
    const runId = newId();
    const dryRun = !!opts.dryRun || !!opts.preview;
    const result: RunResult = { runId, dryRun, types: [], personsAnonymised: 0 };
    if (opts.preview) {
      result.types = await this.eachType(c, partnershipId, runId, { ...opts, dryRun });
      return result;
    }
    await repo.insertRun({
      id: runId,
      partnership_id: partnershipId,
      status: 'running',
      dry_run: dryRun ? 1 : 0,
      requested_by: opts.requestedBy,
      summary: '{}',
      error: null,
      started_at: this.deps.clock.iso(),
      finished_at: null,
    });
    try {
      if (!dryRun) await this.removePendingFiles(partnershipId);
      result.types = await this.eachType(c, partnershipId, runId, { ...opts, dryRun });
      if (!dryRun)
        result.personsAnonymised = await new PeopleRepository(this.deps.db).anonymiseEmptyPersons(
          partnershipId,
          this.deps.clock.iso(),
        );
      await this.finish(partnershipId, runId, 'finished', result, null, opts.requestedBy);
      return result;
    } catch (err) {
      await this.finish(partnershipId, runId, 'failed', result, (err as Error).message, opts.requestedBy);
      throw err;
    }
  }

  private async eachType(
    c: Catalogue,
    partnershipId: string,
    runId: string,
    opts: RunOptions & { dryRun: boolean },
  ) {
    const schedules = await this.schedules(partnershipId);
    const holds = await new PrivacyRepository(this.deps.db).activeHolds(partnershipId);
    const agencies = await new RetentionRepository(this.deps.db).teamAgencies(partnershipId);
    const out: RecordTypeResult[] = [];
    for (const rt of c.recordTypes) {
      const mine = schedules.filter((s) => s.recordType === rt.code);
      out.push(await this.runType(c, partnershipId, rt, mine, holds, agencies, runId, opts));
    }
    return out;
  }

  private async finish(
    partnershipId: string,
    runId: string,
    status: string,
    result: RunResult,
    error: string | null,
    requestedBy: string,
  ) {
    const summary = Object.fromEntries(
      result.types.map((t) => [
        t.recordType,
        {
          due: t.due.length,
          held: t.held.length,
          done: t.done.length,
          ids: t.done,
          filesRemoved: t.filesRemoved,
        },
      ]),
    );
    await new PrivacyRepository(this.deps.db).finishRun(runId, {
      status,
      summary: JSON.stringify({ ...summary, personsAnonymised: result.personsAnonymised }),
      error: error?.slice(0, 500) ?? null,
      finished_at: this.deps.clock.iso(),
    });
    if (!result.dryRun)
      await this.audit.record({
        partnershipId,
        userLabel: requestedBy,
        action: 'privacy.retention-run',
        subjectType: 'privacy_retention_run',
        subjectId: runId,
        details: Object.fromEntries(
          result.types.map((t) => [t.recordType, { done: t.done.length, held: t.held.length }]),
        ),
      });
  }

  private cutoff(years: number, aheadDays = 0): IsoDate {
    const base = addCalendarMonths(this.today(), -12 * years);
    return aheadDays ? addDays(base, aheadDays) : base;
  }

  private async runType(
    c: Catalogue,
    partnershipId: string,
    rt: RecordTypeDeclaration,
    schedules: Schedule[],
    holds: PrivacyHoldsTable[],
    agencies: Map<string, string>,
    runId: string,
    opts: RunOptions & { dryRun: boolean },
  ): Promise<RecordTypeResult> {
    const base = schedules.find((s) => !s.agencyId)!;
    const out: RecordTypeResult = {
      recordType: rt.code,
      label: rt.label,
      action: base.action,
      years: base.years,
      trigger: rt.trigger.label,
      due: [],
      held: [],
      done: [],
      filesRemoved: 0,
    };
    const active = schedules.filter((s) => s.action !== 'keep');
    if (!active.length) return out;
    const loosest = this.cutoff(Math.min(...active.map((s) => s.years)), opts.aheadDays);
    const rrepo = new RetentionRepository(this.deps.db);
    const candidates = await rrepo.candidates(partnershipId, rt, loosest, MAX_CANDIDATES);
    const ids = candidates.map((x) => x.id);
    const kept = new Map<string, string>();
    for (const k of c.keeps.filter((k) => k.recordType === rt.code)) {
      const open = c.recordTypes.find((r) => r.code === k.whileOpen);
      if (open) for (const id of await rrepo.keptBy(k, open, ids)) kept.set(id, k.reason);
    }
    const held = new Map(holds.filter((h) => h.record_type === rt.code).map((h) => [h.record_id, h]));
    const byAction = new Map<RetentionAction, string[]>();
    for (const x of candidates) {
      const agency = x.teamId ? agencies.get(x.teamId) : undefined;
      const s = schedules.find((s) => s.agencyId && s.agencyId === agency) ?? base;
      if (s.action === 'keep' || x.trigger.slice(0, 10) >= this.cutoff(s.years, opts.aheadDays)) continue;
      const h = held.get(x.id);
      if (h) out.held.push({ id: x.id, reason: `Legal hold: ${h.reason}`, reviewOn: h.review_on });
      else if (kept.has(x.id)) out.held.push({ id: x.id, reason: kept.get(x.id)! });
      else {
        out.due.push(x.id);
        byAction.set(s.action, [...(byAction.get(s.action) ?? []), x.id]);
      }
    }
    if (opts.dryRun) return out;
    const size = opts.batchSize ?? 50;
    for (const [action, list] of byAction) {
      for (let i = 0; i < list.length; i += size) {
        const batch = list.slice(i, i + size);
        const files = await this.retireBatch(c, partnershipId, rt, batch, action, runId);
        out.done.push(...batch);
        out.filesRemoved += await this.removeFiles(partnershipId, batch, rt.code, files);
        await opts.afterBatch?.(rt.code, out.done.length);
      }
    }
    return out;
  }

  /** One transaction: every declared table's rows of these records, and the note that they are done. */
  private async retireBatch(
    c: Catalogue,
    partnershipId: string,
    rt: RecordTypeDeclaration,
    ids: string[],
    action: RetentionAction,
    runId: string,
  ): Promise<Map<string, string[]>> {
    return this.deps.db.transaction().execute(async (trx) => {
      const rrepo = new RetentionRepository(trx);
      const files = new Map<string, string[]>();
      for (const t of tablesFor(c, rt.code)) {
        const perRecord = t.file ? await rrepo.rows(t, rt.code, ids) : [];
        for (const row of perRecord) {
          const owner = ownerOf(t.link, row);
          if (owner)
            files.set(owner, [...(files.get(owner) ?? []), t.file!(this.deps.config.uploadDir, row)]);
        }
        await rrepo.retire(t, rt.code, ids, this.deps.config.uploadDir, action === 'delete');
      }
      await new PrivacyRepository(trx).markDone(
        partnershipId,
        runId,
        rt.code,
        ids,
        action,
        files,
        this.deps.clock.iso(),
      );
      return files;
    });
  }

  private async removeFiles(
    partnershipId: string,
    ids: string[],
    recordType: string,
    files: Map<string, string[]>,
  ): Promise<number> {
    let n = 0;
    for (const list of files.values())
      for (const f of list) {
        await fs.rm(f, { force: true });
        n++;
      }
    await new PrivacyRepository(this.deps.db).filesRemovedFor(partnershipId, recordType, ids);
    return n;
  }

  /** Files of records done by an earlier run that stopped before removing them. */
  private async removePendingFiles(partnershipId: string): Promise<void> {
    const repo = new PrivacyRepository(this.deps.db);
    const rows = await repo.filesPending(partnershipId);
    for (const r of rows) for (const f of JSON.parse(r.files) as string[]) await fs.rm(f, { force: true });
    await repo.filesRemoved(rows.map((r) => r.id));
  }
}

/** The record a file row belongs to (its link column); via-links are not used for file tables. */
function ownerOf(
  link: import('../platform/personal-data.js').RecordLink,
  row: Record<string, unknown>,
): string | null {
  if ('self' in link) return String(row.id);
  return row[link.column] == null ? null : String(row[link.column]);
}
