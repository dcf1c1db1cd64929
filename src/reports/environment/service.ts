import type { AppDeps } from '../../platform/module.js';
import type { CurrentUser } from '../../platform/auth/users.js';
import { AuditService } from '../../platform/audit/service.js';
import { newId } from '../../platform/db/ids.js';
import { forbidden, notFound } from '../../platform/web/errors.js';
import { ReferenceService } from '../reference.js';
import { ReportRepository } from '../repository.js';
import { ReportInputError } from '../service.js';
import { JobRepository } from './repository.js';
import { buildDashboard } from './dashboard.js';
import { JOB_STATE_LABELS, nextJobState, type JobAction } from './jobs.js';
import type { EnvironmentalJobsTable } from '../tables.js';

type Meta = { ip: string | null; requestId: string | null };

/** Environmental removal jobs (graffiti, fly-posting, urination clean-up, litter, fly-tipping) to cleared. */
export class EnvironmentService {
  readonly jobs: JobRepository;
  private readonly reports: ReportRepository;
  private readonly ref: ReferenceService;
  private readonly audit: AuditService;
  /** `uses`: the services the composition root has already built (made here when absent). */
  constructor(
    private readonly deps: AppDeps,
    uses: { reference?: ReferenceService } = {},
  ) {
    this.jobs = new JobRepository(deps.db);
    this.reports = new ReportRepository(deps.db);
    this.ref = uses.reference ?? new ReferenceService(deps);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  /** The team whose jobs a user works on; administrators see every team's. */
  teamFor(user: CurrentUser, requested?: string | null): string | null {
    if (user.role === 'administrator') return requested && requested !== 'all' ? requested : null;
    return user.teamId;
  }

  async get(user: CurrentUser, reference: string) {
    const job = await this.jobs.byReference(user.partnershipId, reference);
    if (!job) throw notFound('Job');
    if (user.role !== 'administrator' && job.team_id !== user.teamId) throw forbidden();
    return job;
  }

  /** Moves a job through its lifecycle. Clearing it resolves the report (if still open) in the same transaction. */
  async act(
    user: CurrentUser,
    reference: string,
    action: JobAction,
    input: { scheduledFor?: string | null; note?: string | null; reason?: string | null },
    meta: Meta,
  ) {
    const job = await this.get(user, reference);
    const to = nextJobState(job.state, action);
    if (!to)
      throw new ReportInputError({
        action: `A job that is ${JOB_STATE_LABELS[job.state as keyof typeof JOB_STATE_LABELS].toLowerCase()} cannot be ${action === 'clear' ? 'cleared' : action + 'd'}`,
      });
    if (action === 'schedule' && !input.scheduledFor)
      throw new ReportInputError({ scheduledFor: 'Enter when the job is booked for' });
    if (action === 'cancel' && !input.reason)
      throw new ReportInputError({ reason: 'Enter why the job is cancelled' });
    const ref = await this.ref.load(user.partnershipId);
    await this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock.iso();
      const patch: Partial<EnvironmentalJobsTable> = { state: to, updated_at: now };
      if (action === 'schedule') patch.scheduled_for = input.scheduledFor!;
      if (action === 'start') patch.started_at = now;
      if (action === 'clear') patch.cleared_at = now;
      if (action === 'cancel') patch.cancelled_reason = input.reason!;
      if (action === 'reopen')
        Object.assign(patch, { cleared_at: null, cancelled_reason: null, started_at: null });
      if (input.note) patch.notes = [job.notes, `${now}: ${input.note}`].filter(Boolean).join('\n');
      if (!job.assigned_user_id && (action === 'start' || action === 'clear'))
        patch.assigned_user_id = user.id;
      await this.jobs.update(trx, job.id, patch);
      let reportState = job.report_state;
      if (action === 'clear' && job.report_state_kind === 'open') {
        const resolved = ref.state.get('resolved') ?? ref.states.find((s) => s.kind === 'closed')!;
        reportState = resolved.code;
        await this.reports.setState(trx, job.report_id, resolved, now, now);
      }
      await this.reports.insertUpdate(trx, {
        id: newId(),
        partnership_id: user.partnershipId,
        report_id: job.report_id,
        at: now,
        user_id: user.id,
        author_label: user.name,
        kind: 'job',
        state_code: reportState,
        public: action === 'clear' ? 1 : 0,
        text:
          action === 'clear'
            ? 'Cleared. Thank you for reporting it.'
            : `Job ${job.reference}: ${JOB_STATE_LABELS[to]}${input.note ? `. ${input.note}` : ''}${input.reason ? `. ${input.reason}` : ''}`,
        details: JSON.stringify({ job: job.reference, from: job.state, to }),
      });
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: `environmental-job.${action}`,
          subjectType: 'environmental-job',
          subjectId: job.id,
          ip: meta.ip,
          requestId: meta.requestId,
          details: { reference: job.reference, from: job.state, to },
        },
        trx,
      );
    });
  }

  async dashboard(user: CurrentUser) {
    const now = this.deps.clock.now();
    const from = new Date(now.getTime() - 366 * 86_400_000).toISOString();
    const ref = await this.ref.load(user.partnershipId);
    const d = buildDashboard(await this.jobs.since(user.partnershipId, from), now.toISOString());
    return {
      ...d,
      rows: d.rows.map((r) => ({
        ...r,
        name: ref.category.get(r.category)?.name ?? r.category,
        target: ref.category.get(r.category)?.sla_hours,
      })),
    };
  }

  /** Environmental jobs raised or cleared in [from, to) (counts for packs; no personal data). */
  jobsInPeriod(partnershipId: string, fromIso: string, toIso: string) {
    return this.jobs.raisedOrClearedIn(partnershipId, fromIso, toIso);
  }
}
