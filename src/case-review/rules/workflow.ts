/**
 * The ASB Case Review application workflow as a typed transition table:
 * received -> acknowledged -> threshold decided (met: panel pending | not met: closed, with reasons)
 * -> panel convened -> recommendations made -> outcome sent -> closed; an appeal may follow an
 * outcome or a threshold refusal. An application made on someone's behalf is held awaiting the
 * victim's written consent before it is acknowledged.
 */
import { z } from 'zod';
import { isoDateSchema, type IsoDate } from '../../platform/dates/calendar-date.js';
import { defineWorkflow, notBefore, type FieldError } from '../../platform/workflow/transition-table.js';

export type CaseReviewStatus =
  | 'received'
  | 'awaiting-consent'
  | 'acknowledged'
  | 'panel-pending'
  | 'panel-convened'
  | 'recommendations-made'
  | 'outcome-sent'
  | 'appeal-requested'
  | 'appeal-decided'
  | 'closed';

export type CaseReviewClosure = 'threshold-not-met' | 'outcome-sent' | 'appeal-decided' | 'withdrawn';

export interface CaseReviewState {
  status: CaseReviewStatus;
  receivedOn: IsoDate;
  onBehalf: boolean;
  consentRecordedOn: IsoDate | null;
  /** The date of the latest change: a new action cannot be dated before it. */
  lastChangedOn: IsoDate;
  acknowledgedOn?: IsoDate;
  thresholdDecidedOn?: IsoDate;
  thresholdMet?: boolean;
  thresholdReasons?: string;
  /** The partners chose to review although the threshold was not met. */
  discretionaryReview?: boolean;
  panelOn?: IsoDate;
  recommendations?: string[];
  noRecommendationsReason?: string;
  outcomeSentOn?: IsoDate;
  appealRequestedOn?: IsoDate;
  appealGrounds?: string;
  appealDecidedOn?: IsoDate;
  appealUpheld?: boolean;
  appealReasons?: string;
  closedOn?: IsoDate;
  closure?: CaseReviewClosure;
  closureNote?: string;
}

const text = (what: string) => z.string().trim().min(1, `Enter ${what}`);
const on = isoDateSchema;

const inputs = {
  'hold-for-consent': z.object({ on }),
  'record-consent': z.object({ on }),
  acknowledge: z.object({ on }),
  'decide-threshold': z.object({
    on,
    met: z.boolean({ error: 'Say whether the threshold is met' }),
    reasons: text('the reasons for the decision'),
    reviewAnyway: z.boolean().default(false),
  }),
  'convene-panel': z.object({ on, panelOn: isoDateSchema }),
  'record-recommendations': z.object({
    on,
    recommendations: z.array(z.string().trim().min(1, 'A recommendation cannot be blank')).default([]),
    noRecommendationsReason: z.string().trim().optional(),
  }),
  'send-outcome': z.object({ on }),
  'request-appeal': z.object({ on, grounds: text('the grounds for the appeal') }),
  'decide-appeal': z.object({
    on,
    upheld: z.boolean({ error: 'Say whether the appeal is upheld' }),
    reasons: text('the reasons for the appeal decision'),
  }),
  'reopen-review': z.object({ on }),
  close: z.object({ on }),
  withdraw: z.object({ on, reason: text('why the application is withdrawn') }),
};

type Inputs = { [K in keyof typeof inputs]: z.output<(typeof inputs)[K]> };
export type CaseReviewAction = keyof Inputs;
export type CaseReviewActionInput<A extends CaseReviewAction> = z.input<(typeof inputs)[A]>;

const dated = (state: CaseReviewState, input: { on: IsoDate }): FieldError[] =>
  notBefore('on', input.on, state.lastChangedOn, 'the last change to the application');

const withdraw = {
  check: dated,
  to: 'closed' as const,
  set: (_: CaseReviewState, i: Inputs['withdraw']) => ({
    closedOn: i.on,
    closure: 'withdrawn' as const,
    closureNote: i.reason,
    lastChangedOn: i.on,
  }),
  banner: 'Application withdrawn and closed',
};

const appealAllowed = (s: CaseReviewState, i: Inputs['request-appeal']): FieldError[] => [
  ...dated(s, i),
  ...(s.appealRequestedOn
    ? [{ field: 'status', message: 'An appeal has already been made for this application' }]
    : []),
  ...(s.status === 'closed' && s.closure !== 'threshold-not-met' && s.closure !== 'outcome-sent'
    ? [{ field: 'status', message: 'Only a threshold refusal or a review outcome can be appealed' }]
    : []),
];

const requestAppeal = {
  check: appealAllowed,
  to: 'appeal-requested' as const,
  set: (_: CaseReviewState, i: Inputs['request-appeal']) => ({
    appealRequestedOn: i.on,
    appealGrounds: i.grounds,
    closedOn: undefined,
    closure: undefined,
    lastChangedOn: i.on,
  }),
  banner: 'Appeal recorded: send it to the appeal body',
};

export const caseReviewWorkflow = defineWorkflow<CaseReviewStatus, CaseReviewAction, CaseReviewState, Inputs>(
  {
    statusLabels: {
      received: 'received',
      'awaiting-consent': 'held awaiting the victim’s consent',
      acknowledged: 'acknowledged',
      'panel-pending': 'waiting for a review panel',
      'panel-convened': 'panel arranged',
      'recommendations-made': 'recommendations made',
      'outcome-sent': 'outcome sent',
      'appeal-requested': 'appeal requested',
      'appeal-decided': 'appeal decided',
      closed: 'closed',
    },
    actions: {
      'hold-for-consent': { label: 'Hold awaiting consent', input: inputs['hold-for-consent'] },
      'record-consent': { label: 'Record consent', input: inputs['record-consent'] },
      acknowledge: { label: 'Acknowledge', input: inputs.acknowledge },
      'decide-threshold': { label: 'Decide the threshold', input: inputs['decide-threshold'] },
      'convene-panel': { label: 'Arrange the panel', input: inputs['convene-panel'] },
      'record-recommendations': {
        label: 'Record the recommendations',
        input: inputs['record-recommendations'],
      },
      'send-outcome': { label: 'Send the outcome', input: inputs['send-outcome'] },
      'request-appeal': { label: 'Record an appeal', input: inputs['request-appeal'] },
      'decide-appeal': { label: 'Decide the appeal', input: inputs['decide-appeal'] },
      'reopen-review': { label: 'Review again', input: inputs['reopen-review'] },
      close: { label: 'Close', input: inputs.close },
      withdraw: { label: 'Withdraw', input: inputs.withdraw },
    },
    table: {
      received: {
        'hold-for-consent': {
          check: (s, i) => [
            ...dated(s, i),
            ...(!s.onBehalf
              ? [
                  {
                    field: 'onBehalf',
                    message: 'Only an application made on someone’s behalf needs their consent',
                  },
                ]
              : s.consentRecordedOn
                ? [{ field: 'consentRecordedOn', message: 'Consent is already recorded' }]
                : []),
          ],
          to: 'awaiting-consent',
          set: (_, i) => ({ lastChangedOn: i.on }),
          banner: 'Application held until the victim’s written consent is received',
        },
        'record-consent': {
          check: (s, i) => [
            ...dated(s, i),
            ...(!s.onBehalf
              ? [{ field: 'onBehalf', message: 'The victim made this application: no consent is needed' }]
              : []),
          ],
          to: 'received',
          set: (_, i) => ({ consentRecordedOn: i.on, lastChangedOn: i.on }),
          banner: 'Consent recorded: acknowledge the application',
        },
        acknowledge: {
          check: (s, i) => [
            ...dated(s, i),
            ...(s.onBehalf && !s.consentRecordedOn
              ? [
                  {
                    field: 'consentRecordedOn',
                    message:
                      'This application was made on the victim’s behalf: record their written consent, or hold it awaiting consent',
                  },
                ]
              : []),
          ],
          to: 'acknowledged',
          set: (_, i) => ({ acknowledgedOn: i.on, lastChangedOn: i.on }),
          banner: 'Application acknowledged: decide whether the threshold is met',
        },
        withdraw,
      },
      'awaiting-consent': {
        'record-consent': {
          check: dated,
          to: 'received',
          set: (_, i) => ({ consentRecordedOn: i.on, lastChangedOn: i.on }),
          banner: 'Consent recorded: acknowledge the application',
        },
        withdraw,
      },
      acknowledged: {
        'decide-threshold': {
          check: dated,
          to: (_, i) => (i.met || i.reviewAnyway ? 'panel-pending' : 'closed'),
          set: (_, i) => ({
            thresholdDecidedOn: i.on,
            thresholdMet: i.met,
            thresholdReasons: i.reasons,
            discretionaryReview: !i.met && i.reviewAnyway,
            ...(i.met || i.reviewAnyway ? {} : { closedOn: i.on, closure: 'threshold-not-met' as const }),
            lastChangedOn: i.on,
          }),
          banner: (_, i) =>
            i.met
              ? 'Threshold met: arrange the review panel'
              : i.reviewAnyway
                ? 'Threshold not met, but the partners will review the case: arrange the panel'
                : 'Threshold not met: application closed. Tell the applicant why, and how to appeal',
        },
        withdraw,
      },
      'panel-pending': {
        'convene-panel': {
          check: (s, i) => [
            ...dated(s, i),
            ...notBefore('panelOn', i.panelOn, s.thresholdDecidedOn, 'the threshold decision'),
          ],
          to: 'panel-convened',
          set: (_, i) => ({ panelOn: i.panelOn, lastChangedOn: i.on }),
          banner: (s) => `Review panel arranged for ${s.panelOn}`,
        },
        withdraw,
      },
      'panel-convened': {
        'record-recommendations': {
          check: (s, i) => [
            ...dated(s, i),
            ...notBefore('on', i.on, s.panelOn, 'the panel'),
            ...(i.recommendations.length === 0 && !i.noRecommendationsReason
              ? [
                  {
                    field: 'noRecommendationsReason',
                    message: 'Enter the recommendations, or say why the panel made none',
                  },
                ]
              : []),
          ],
          to: 'recommendations-made',
          set: (_, i) => ({
            recommendations: i.recommendations,
            noRecommendationsReason: i.recommendations.length ? undefined : i.noRecommendationsReason,
            lastChangedOn: i.on,
          }),
          banner: (s) =>
            s.recommendations?.length
              ? `${s.recommendations.length} recommendation${s.recommendations.length === 1 ? '' : 's'} recorded: send the outcome to the applicant`
              : 'No recommendations recorded: send the outcome to the applicant',
        },
        withdraw,
      },
      'recommendations-made': {
        'send-outcome': {
          check: dated,
          to: 'outcome-sent',
          set: (_, i) => ({ outcomeSentOn: i.on, lastChangedOn: i.on }),
          banner: 'Outcome sent: the applicant may appeal within the appeal period',
        },
      },
      'outcome-sent': {
        'request-appeal': requestAppeal,
        close: {
          check: dated,
          to: 'closed',
          set: (_, i) => ({ closedOn: i.on, closure: 'outcome-sent' as const, lastChangedOn: i.on }),
          banner: 'Application closed',
        },
      },
      'appeal-requested': {
        'decide-appeal': {
          check: dated,
          to: 'appeal-decided',
          set: (_, i) => ({
            appealDecidedOn: i.on,
            appealUpheld: i.upheld,
            appealReasons: i.reasons,
            lastChangedOn: i.on,
          }),
          banner: (_, i) =>
            i.upheld
              ? 'Appeal upheld: review the case again, or close it if the appeal body has already acted'
              : 'Appeal not upheld: tell the applicant and close the application',
        },
      },
      'appeal-decided': {
        'reopen-review': {
          check: (s, i) => [
            ...dated(s, i),
            ...(!s.appealUpheld
              ? [{ field: 'appealUpheld', message: 'Only an upheld appeal sends the case back for review' }]
              : []),
          ],
          to: 'panel-pending',
          set: (_, i) => ({ panelOn: undefined, lastChangedOn: i.on }),
          banner: 'Case sent back for review: arrange the panel',
        },
        close: {
          check: dated,
          to: 'closed',
          set: (_, i) => ({ closedOn: i.on, closure: 'appeal-decided' as const, lastChangedOn: i.on }),
          banner: 'Application closed after the appeal',
        },
      },
      closed: {
        'request-appeal': requestAppeal,
      },
    },
  },
);

/** A new application's state. */
export function newCaseReview(
  receivedOn: IsoDate,
  onBehalf: boolean,
  consentRecordedOn: IsoDate | null = null,
): CaseReviewState {
  isoDateSchema.parse(receivedOn);
  return { status: 'received', receivedOn, onBehalf, consentRecordedOn, lastChangedOn: receivedOn };
}

/** Applies an action; returns the new state and banner, or a refusal with its reasons. */
export function applyTransition<A extends CaseReviewAction>(
  state: CaseReviewState,
  action: A,
  input: CaseReviewActionInput<A>,
) {
  return caseReviewWorkflow.apply(state, action, input);
}

export function availableActions(state: CaseReviewState): CaseReviewAction[] {
  return caseReviewWorkflow.available(state);
}
