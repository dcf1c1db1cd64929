/** Export and import of a plan, for the pages and the command line. */
import type { AppDeps } from '../platform/module.js';
import { AuditService } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { HttpError, notFound } from '../platform/web/errors.js';
import { exportFileName, exportPlan, type ExportFormat } from './exchange.js';
import { compareWithPlan, readPlanFile, type PlanChange } from './import.js';
import { partnershipFor, PlanRepository } from './repository.js';
import { PlanService, themesOf, type Meta, type PlanActor } from './service.js';
import type { PlanActionsTable, PlansTable, Rag } from './tables.js';

export interface ImportResult {
  /** Set when the dry run was kept, to be confirmed. */
  importId: string | null;
  plan: PlansTable;
  changes: PlanChange[];
  errors: string[];
  applied: boolean;
}

export class PlanExchangeService {
  private readonly repo: PlanRepository;
  private readonly plan: PlanService;
  private readonly audit: AuditService;
  constructor(private readonly deps: AppDeps) {
    this.repo = new PlanRepository(deps.db);
    this.plan = new PlanService(deps);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  private async planFor(partnershipId: string, year?: number): Promise<PlansTable> {
    const plan =
      year === undefined
        ? await this.repo.latestPlan(partnershipId)
        : await this.repo.planForYear(partnershipId, year);
    if (!plan) throw notFound(year === undefined ? 'Plan' : `Plan for ${year}`);
    return plan;
  }

  async export(actor: PlanActor, format: ExportFormat, year?: number, meta: Meta = {}) {
    const plan = await this.planFor(actor.partnershipId, year);
    const partnership = await partnershipFor(this.deps.db, { id: actor.partnershipId });
    const body = await exportPlan(format, plan, partnership?.name ?? '', await this.repo.actions(plan.id));
    await this.audit.record({
      partnershipId: actor.partnershipId,
      userId: actor.id,
      userLabel: actor.label,
      action: 'plan.exported',
      subjectType: 'plan',
      subjectId: plan.id,
      details: { format, year: plan.year },
      ...meta,
    });
    return { body, fileName: exportFileName(plan, format), plan };
  }

  /**
   * Reads an edited file and lists its changes. With `apply`, writes them at once (the command
   * line without --dry-run); otherwise keeps the dry run to be confirmed. Nothing is written when
   * any row has a problem.
   */
  async import(
    actor: PlanActor,
    file: { name: string; contents: Buffer },
    opts: { year?: number; apply?: boolean } = {},
    meta: Meta = {},
  ): Promise<ImportResult> {
    const plan = await this.planFor(actor.partnershipId, opts.year);
    const read = await readPlanFile(file.name, file.contents);
    const actions = await this.repo.actions(plan.id);
    const compared = read.errors.length
      ? { changes: [], errors: read.errors }
      : compareWithPlan(read.rows, actions, themesOf(plan));
    const result: ImportResult = { importId: null, plan, applied: false, ...compared };
    if (compared.errors.length || !compared.changes.length) return result;
    if (opts.apply) {
      await this.write(actor, plan, actions, compared.changes, meta);
      return { ...result, applied: true };
    }
    result.importId = newId();
    await this.repo.insertImport({
      id: result.importId,
      partnership_id: actor.partnershipId,
      plan_id: plan.id,
      file_name: file.name.slice(0, 200),
      changes: JSON.stringify(compared.changes),
      user_id: actor.id,
      created_at: this.deps.clock.iso(),
      applied_at: null,
    });
    return result;
  }

  async pending(partnershipId: string, importId: string) {
    const row = await this.repo.pendingImport(partnershipId, importId);
    if (!row) throw notFound('Import');
    const plan = await this.repo.plan(partnershipId, row.plan_id);
    return { row, plan: plan!, changes: JSON.parse(row.changes) as PlanChange[] };
  }

  /** Writes a confirmed dry run, unless the plan changed since (then nothing is written). */
  async confirm(
    actor: PlanActor,
    importId: string,
    meta: Meta = {},
  ): Promise<{ plan: PlansTable; count: number }> {
    const { plan, changes } = await this.pending(actor.partnershipId, importId);
    const actions = await this.repo.actions(plan.id);
    const byId = new Map(actions.map((a) => [a.id, a]));
    const stale = changes.find((c) => {
      const a = byId.get(c.actionId);
      return !a || (c.field === 'status' ? a.rag : a[c.field]) !== c.from;
    });
    if (stale)
      throw new HttpError(
        409,
        `Action ${stale.number} changed since the dry run: import the file again to see its changes`,
      );
    await this.write(actor, plan, actions, changes, meta, importId);
    return { plan, count: changes.length };
  }

  private async write(
    actor: PlanActor,
    plan: PlansTable,
    actions: PlanActionsTable[],
    changes: PlanChange[],
    meta: Meta,
    importId?: string,
  ): Promise<void> {
    const byId = new Map(actions.map((a) => [a.id, a]));
    await this.deps.db.transaction().execute(async (trx) => {
      for (const [actionId, of] of groupBy(changes, (c) => c.actionId)) {
        const action = byId.get(actionId)!;
        const fields: Partial<PlanActionsTable> = {};
        let note: string | undefined;
        let status: { rag: Rag; reason: string } | undefined;
        for (const c of of) {
          if (c.field === 'status') status = { rag: c.to as Rag, reason: c.reason! };
          else if (c.field === 'progress') note = c.to;
          else fields[c.field] = c.to;
        }
        await this.plan.apply(
          actor,
          action,
          {
            note,
            rag: status?.rag,
            reason: status?.reason,
            fields: Object.keys(fields).length ? fields : undefined,
          },
          meta,
          trx,
        );
      }
      if (importId) await this.repo.markImportApplied(trx, importId, this.deps.clock.iso());
      await this.audit.record(
        {
          partnershipId: actor.partnershipId,
          userId: actor.id,
          userLabel: actor.label,
          action: 'plan.imported',
          subjectType: 'plan',
          subjectId: plan.id,
          details: { year: plan.year, changes: changes.length },
          ...meta,
        },
        trx,
      );
    });
  }
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const i of items) m.set(key(i), [...(m.get(key(i)) ?? []), i]);
  return m;
}
