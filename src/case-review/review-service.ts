/**
 * The review itself: the panel (with an optional independent chair), information asked of the
 * agencies, the victim's part (attending or an impact statement), recommendations followed up as
 * actions, the outcome letter, and the appeal to the body the partnership names.
 */
import { newId } from '../platform/db/ids.js';
import type { IsoDate } from '../platform/dates/calendar-date.js';
import { addWorkingDays } from '../platform/dates/working-days.js';
import { queueMessage } from '../platform/notifications.js';
import type { Actor } from './context.js';
import type { CaseReviewService, Outcome } from './service.js';
import {
  appealDecisionLetter,
  appealReceivedLetter,
  appealReferralMessage,
  invitationLetter,
  outcomeLetter,
} from './letters.js';
import type { Participation, RecommendationStatus } from './labels.js';

export interface PanelInput {
  on: IsoDate;
  panelOn: IsoDate;
  location: string | null;
  members: { name: string; organisation: string | null; role: 'chair' | 'member'; independent: boolean }[];
}

export interface RecommendationInput {
  text: string;
  owner: string;
  dueOn: IsoDate;
}

const OPEN_FOR_WORK = new Set([
  'acknowledged',
  'panel-pending',
  'panel-convened',
  'recommendations-made',
  'outcome-sent',
  'appeal-requested',
  'appeal-decided',
]);

export class ReviewService {
  constructor(private readonly s: CaseReviewService) {}

  async view(actor: Actor, id: string) {
    const v = await this.s.view(actor, id, 'review');
    const [panel, infoRequests, recommendations, agencies] = await Promise.all([
      this.s.repo.panel(id),
      this.s.repo.infoRequests(id),
      this.s.repo.recommendations(id),
      this.s.repo.agencies(v.r.partnership_id),
    ]);
    const updates = await this.s.repo.recommendationUpdates(recommendations.map((r) => r.id));
    return {
      ...v,
      panel,
      infoRequests,
      recommendations: recommendations.map((r) => ({
        ...r,
        updates: updates.filter((u) => u.recommendation_id === r.id),
      })),
      agencies,
    };
  }

  private membersRows(partnershipId: string, id: string, members: PanelInput['members']) {
    return members.map((m, i) => ({
      id: newId(),
      partnership_id: partnershipId,
      case_review_id: id,
      name: m.name,
      organisation: m.organisation,
      role: m.role,
      independent: m.independent ? 1 : 0,
      sort_order: i,
    }));
  }

  private static panelWords(input: PanelInput) {
    const chair = input.members.find((m) => m.role === 'chair');
    return chair ? ` chaired by ${chair.name}${chair.independent ? ' (independent)' : ''}` : '';
  }

  /** Arranges the panel; once arranged, the same form changes its date, place or members. */
  async panel(actor: Actor, id: string, input: PanelInput): Promise<Outcome> {
    const r = await this.s.load(actor, id);
    if (r.status === 'panel-convened') {
      if (r.threshold_decided_on && input.panelOn < r.threshold_decided_on) {
        return {
          ok: false,
          errors: {
            panelOn: `The date of the panel cannot be before the threshold decision (${r.threshold_decided_on})`,
          },
        };
      }
      return this.s.ctx.transaction(async (trx) => {
        const state = { ...JSON.parse(r.state), panelOn: input.panelOn };
        await this.s.repo.updateReview(trx, id, {
          panel_on: input.panelOn,
          panel_location: input.location,
          state: JSON.stringify(state),
          updated_at: this.s.deps.clock.iso(),
        });
        await this.s.repo.replacePanel(trx, id, this.membersRows(r.partnership_id, id, input.members));
        const summary = `Panel changed: ${input.panelOn}${ReviewService.panelWords(input)}`;
        await this.s.event(trx, r, actor, { kind: 'panel', action: 'panel-changed', on: input.on, summary });
        await this.s.ctx.record(
          actor,
          r.partnership_id,
          'case-review.panel-changed',
          id,
          { panelOn: input.panelOn, members: input.members.length },
          trx,
        );
        return { ok: true as const, banner: summary, state };
      });
    }
    return this.s.transition(
      actor,
      id,
      'convene-panel',
      { on: input.on, panelOn: input.panelOn },
      {
        columns: { panel_location: input.location },
        details: {
          members: input.members.length,
          independentChair: input.members.some((m) => m.role === 'chair' && m.independent),
        },
        summary: (b) => `${b}${ReviewService.panelWords(input)}`,
        extra: async (trx) =>
          this.s.repo.replacePanel(trx, id, this.membersRows(r.partnership_id, id, input.members)),
      },
    );
  }

  async askForInformation(
    actor: Actor,
    id: string,
    input: {
      agencyName: string;
      agencyId: string | null;
      askedFor: string;
      requestedOn: IsoDate;
      dueOn: IsoDate;
      email: string | null;
    },
  ): Promise<Outcome> {
    const r = await this.s.load(actor, id);
    if (!OPEN_FOR_WORK.has(r.status))
      return {
        ok: false,
        errors: {
          agency: 'Information can be asked for once the application is acknowledged, and until it closes',
        },
      };
    if (input.dueOn < input.requestedOn) {
      return {
        ok: false,
        errors: {
          dueOn: `The date the information is due must be the same as or after the date it was asked for (${input.requestedOn})`,
        },
      };
    }
    return this.s.ctx.transaction(async (trx) => {
      const now = this.s.deps.clock.iso();
      await this.s.repo.insertInfoRequest(trx, {
        id: newId(),
        partnership_id: r.partnership_id,
        case_review_id: id,
        agency_name: input.agencyName,
        agency_id: input.agencyId,
        asked_for: input.askedFor,
        requested_on: input.requestedOn,
        due_on: input.dueOn,
        received_on: null,
        summary: null,
        created_by: actor.user.id,
        created_at: now,
      });
      if (input.email) {
        await queueMessage(trx, this.s.deps.clock, {
          partnershipId: r.partnership_id,
          channel: 'email',
          recipient: input.email,
          template: 'case-review-information-request',
          subject: `ASB Case Review ${r.reference}: information needed by ${input.dueOn}`,
          body: `The ASB Case Review coordinator asks ${input.agencyName} for its information for review ${r.reference} by ${input.dueOn}:\n\n${input.askedFor}\n\nReply to the coordinator; do not send personal data by unsecured email.`,
          relatedType: 'case-review',
          relatedId: id,
        });
      }
      const summary = `Information asked of ${input.agencyName}, due ${input.dueOn}`;
      await this.s.event(trx, r, actor, {
        kind: 'information',
        action: 'information-requested',
        on: input.requestedOn,
        summary,
      });
      await this.s.ctx.record(
        actor,
        r.partnership_id,
        'case-review.information-requested',
        id,
        { agency: input.agencyName, dueOn: input.dueOn },
        trx,
      );
      return { ok: true as const, banner: summary, state: JSON.parse(r.state) };
    });
  }

  async informationReceived(
    actor: Actor,
    id: string,
    requestId: string,
    input: { on: IsoDate; summary: string },
  ): Promise<Outcome> {
    const r = await this.s.load(actor, id);
    const req = (await this.s.repo.infoRequests(id)).find((x) => x.id === requestId);
    if (!req) return { ok: false, errors: { form: 'That request is not part of this application' } };
    if (input.on < req.requested_on) {
      return {
        ok: false,
        errors: {
          on: `The date it was received must be the same as or after the date it was asked for (${req.requested_on})`,
        },
      };
    }
    return this.s.ctx.transaction(async (trx) => {
      await this.s.repo.updateInfoRequest(trx, id, requestId, {
        received_on: input.on,
        summary: input.summary,
      });
      const summary = `Information received from ${req.agency_name}`;
      await this.s.event(trx, r, actor, {
        kind: 'information',
        action: 'information-received',
        on: input.on,
        summary,
      });
      await this.s.ctx.record(
        actor,
        r.partnership_id,
        'case-review.information-received',
        id,
        { agency: req.agency_name },
        trx,
      );
      return { ok: true as const, banner: summary, state: JSON.parse(r.state) };
    });
  }

  /** The victim's part: invited (a letter goes out the first time), their answer, an impact statement. */
  async victim(
    actor: Actor,
    id: string,
    input: {
      invitedOn: IsoDate;
      participation: Participation;
      statement: string | null;
      statementOn: IsoDate | null;
    },
  ): Promise<Outcome> {
    const r = await this.s.load(actor, id);
    if (!OPEN_FOR_WORK.has(r.status))
      return {
        ok: false,
        errors: { invitedOn: 'The victim can be invited once the application is acknowledged' },
      };
    if (r.threshold_decided_on && input.invitedOn < r.threshold_decided_on) {
      return {
        ok: false,
        errors: {
          invitedOn: `The date of the invitation must be the same as or after the threshold decision (${r.threshold_decided_on})`,
        },
      };
    }
    if (input.statementOn && input.statementOn < input.invitedOn) {
      return {
        ok: false,
        errors: {
          statementOn: `The date the statement was received must be the same as or after the invitation (${input.invitedOn})`,
        },
      };
    }
    const settings = await this.s.settings(r.partnership_id);
    return this.s.ctx.transaction(async (trx) => {
      await this.s.repo.updateReview(trx, id, {
        victim_invited_on: input.invitedOn,
        victim_participation: input.participation,
        impact_statement: input.statement,
        impact_statement_on: input.statement ? (input.statementOn ?? this.s.ctx.today()) : null,
        updated_at: this.s.deps.clock.iso(),
      });
      if (!r.victim_invited_on) {
        await this.s.sendLetter(
          trx,
          r,
          invitationLetter(this.s.letterContext(r, settings), {
            panelOn: r.panel_on,
            statementBy: r.panel_on ? addWorkingDays(r.panel_on, -2) : null,
          }),
        );
      }
      const summary = r.victim_invited_on
        ? 'Victim’s part in the review updated'
        : 'Victim invited to the review';
      await this.s.event(trx, r, actor, {
        kind: 'victim',
        action: 'victim-participation',
        on: input.invitedOn,
        summary,
        details: { participation: input.participation, statement: !!input.statement },
      });
      await this.s.ctx.record(
        actor,
        r.partnership_id,
        'case-review.victim-participation',
        id,
        { participation: input.participation },
        trx,
      );
      return { ok: true as const, banner: summary, state: JSON.parse(r.state) };
    });
  }

  async recordRecommendations(
    actor: Actor,
    id: string,
    input: { on: IsoDate; items: RecommendationInput[]; noRecommendationsReason: string | null },
  ): Promise<Outcome> {
    const late = input.items.findIndex((i) => i.dueOn < input.on);
    if (late >= 0) {
      return {
        ok: false,
        errors: {
          [`rec${late}Due`]: `The deadline of recommendation ${late + 1} must be the same as or after the date of the review (${input.on})`,
        },
      };
    }
    const r = await this.s.load(actor, id);
    return this.s.transition(
      actor,
      id,
      'record-recommendations',
      {
        on: input.on,
        recommendations: input.items.map((i) => i.text),
        noRecommendationsReason: input.noRecommendationsReason ?? undefined,
      },
      {
        columns: {
          review_held_on: r.review_held_on ?? input.on,
          recommendations_count: (r.recommendations_count ?? 0) + input.items.length,
        },
        details: { recommendations: input.items.length },
        extra: async (trx) => {
          const now = this.s.deps.clock.iso();
          await this.s.repo.insertRecommendations(
            trx,
            input.items.map((i, n) => ({
              id: newId(),
              partnership_id: r.partnership_id,
              case_review_id: id,
              text: i.text,
              owner: i.owner,
              due_on: i.dueOn,
              status: 'open',
              completed_on: null,
              sort_order: n,
              created_at: now,
            })),
          );
        },
      },
    );
  }

  async updateRecommendation(
    actor: Actor,
    id: string,
    recId: string,
    input: { on: IsoDate; status: RecommendationStatus; note: string },
  ): Promise<Outcome> {
    const r = await this.s.load(actor, id);
    const rec = await this.s.repo.recommendation(id, recId);
    if (!rec) return { ok: false, errors: { form: 'That recommendation is not part of this application' } };
    if (r.review_held_on && input.on < r.review_held_on) {
      return {
        ok: false,
        errors: {
          on: `The date of the update must be the same as or after the review (${r.review_held_on})`,
        },
      };
    }
    return this.s.ctx.transaction(async (trx) => {
      await this.s.repo.updateRecommendation(trx, recId, {
        status: input.status,
        completed_on: input.status === 'open' ? null : input.on,
      });
      await this.s.repo.insertRecommendationUpdate(trx, {
        id: newId(),
        partnership_id: r.partnership_id,
        recommendation_id: recId,
        on_date: input.on,
        status: input.status,
        note: input.note,
        user_id: actor.user.id,
        user_name: actor.user.name,
        at: this.s.deps.clock.iso(),
      });
      const words = { open: 'progress noted', done: 'done', dropped: 'not going ahead' }[input.status];
      const summary = `Recommendation for ${rec.owner} ${words}`;
      await this.s.event(trx, r, actor, {
        kind: 'recommendation',
        action: 'recommendation-updated',
        on: input.on,
        summary,
        details: { recommendationId: recId },
      });
      await this.s.ctx.record(
        actor,
        r.partnership_id,
        'case-review.recommendation-updated',
        id,
        { recommendationId: recId, status: input.status },
        trx,
      );
      return { ok: true as const, banner: summary, state: JSON.parse(r.state) };
    });
  }

  async sendOutcome(actor: Actor, id: string, input: { on: IsoDate; summary: string }): Promise<Outcome> {
    const r = await this.s.load(actor, id);
    const settings = await this.s.settings(r.partnership_id);
    const recs = await this.s.repo.recommendations(id);
    const state = JSON.parse(r.state) as { noRecommendationsReason?: string };
    return this.s.transition(
      actor,
      id,
      'send-outcome',
      { on: input.on },
      {
        columns: { outcome_summary: input.summary },
        extra: async (trx, updated) => {
          await this.s.sendLetter(
            trx,
            updated,
            outcomeLetter(this.s.letterContext(updated, settings), {
              summary: input.summary,
              recommendations: recs.map((x) => ({ text: x.text, owner: x.owner, dueOn: x.due_on })),
              noRecommendationsReason: state.noRecommendationsReason ?? null,
              appealBy: addWorkingDays(input.on, settings.deadlines.appealRequestWorkingDays),
            }),
          );
        },
      },
    );
  }

  async requestAppeal(actor: Actor, id: string, input: { on: IsoDate; grounds: string }): Promise<Outcome> {
    const r = await this.s.load(actor, id);
    const settings = await this.s.settings(r.partnership_id);
    const decisionBy = addWorkingDays(input.on, settings.deadlines.appealOutcomeWorkingDays);
    return this.s.transition(actor, id, 'request-appeal', input, {
      summary: (b) => `${b}. Grounds: ${input.grounds}`,
      extra: async (trx, updated) => {
        const ctx = this.s.letterContext(updated, settings);
        await this.s.sendLetter(trx, updated, appealReceivedLetter(ctx, { decisionBy }));
        if (settings.procedure.appealBodyEmail) {
          await this.s.sendLetter(
            trx,
            updated,
            appealReferralMessage(ctx, { grounds: input.grounds, requestedOn: input.on, decisionBy }),
            { email: settings.procedure.appealBodyEmail },
          );
        }
      },
    });
  }

  async decideAppeal(
    actor: Actor,
    id: string,
    input: { on: IsoDate; upheld: boolean; reasons: string },
  ): Promise<Outcome> {
    const r = await this.s.load(actor, id);
    const settings = await this.s.settings(r.partnership_id);
    return this.s.transition(actor, id, 'decide-appeal', input, {
      summary: (b) => `${b}. Reasons: ${input.reasons}`,
      extra: async (trx, updated) => {
        await this.s.sendLetter(
          trx,
          updated,
          appealDecisionLetter(this.s.letterContext(updated, settings), {
            upheld: input.upheld,
            reasons: input.reasons,
          }),
        );
      },
    });
  }
}
