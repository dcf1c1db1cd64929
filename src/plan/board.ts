/** The board's view of the plan: RAG by theme, what changed since the last board, board dates. */
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { addDays, todayInLondon } from '../platform/dates/calendar-date.js';
import { newId } from '../platform/db/ids.js';
import { can } from '../platform/permissions/roles.js';
import { forbidden, HttpError } from '../platform/web/errors.js';
import { partnershipFor, PlanRepository } from './repository.js';
import { ragByTheme, ragCounts, type Meta } from './service.js';
import { PlanFiguresService, type ActionFigure } from './figures-service.js';

export class PlanBoardService {
  private readonly repo: PlanRepository;
  constructor(private readonly deps: AppDeps) {
    this.repo = new PlanRepository(deps.db);
  }

  /** The report for a board: the latest plan, the last board before today and the changes since. */
  async report(partnershipId: string, year?: number) {
    const plans = await this.repo.plans(partnershipId);
    const plan = year === undefined ? plans[0] : plans.find((p) => p.year === year);
    if (!plan) throw new HttpError(404, 'Plan not found');
    const today = todayInLondon(new Date(this.deps.clock.now()));
    const [actions, boards, partnership] = await Promise.all([
      this.repo.actions(plan.id),
      this.repo.boards(partnershipId),
      partnershipFor(this.deps.db, { id: partnershipId }),
    ]);
    const lastBoard = boards.find((b) => b.met_on <= today) ?? null;
    // Changes made after the day of the last board (the whole plan when no board has met).
    const since = lastBoard ? `${addDays(lastBoard.met_on, 1)}T00:00:00.000Z` : plan.created_at;
    const changes = await this.repo.statusChangesSince(plan.id, since);
    const figures: ActionFigure[] = await new PlanFiguresService(this.deps).forActions(
      partnershipId,
      actions,
    );
    return {
      plan,
      plans,
      partnershipName: partnership?.name ?? '',
      actions,
      counts: ragCounts(actions),
      themes: ragByTheme(plan, actions),
      boards,
      lastBoard,
      changes,
      figures,
      today,
    };
  }

  /** Records the date a board met, so the next report lists what changed since. */
  async recordBoard(user: CurrentUser, metOn: string, meta: Meta): Promise<'recorded' | 'exists'> {
    if (!can(user.role, 'plan.manage')) throw forbidden();
    if (await this.repo.boardOn(user.partnershipId, metOn)) return 'exists';
    const id = newId();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo.insertBoard(
        {
          id,
          partnership_id: user.partnershipId,
          met_on: metOn,
          recorded_by: user.name,
          created_at: this.deps.clock.iso(),
        },
        trx,
      );
      await new AuditService(this.deps.db, this.deps.dialect, this.deps.clock).record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: 'plan.board-recorded',
          subjectType: 'plan-board',
          subjectId: id,
          details: { metOn },
          ...meta,
        },
        trx,
      );
    });
    return 'recorded';
  }
}

export type BoardReport = Awaited<ReturnType<PlanBoardService['report']>>;
