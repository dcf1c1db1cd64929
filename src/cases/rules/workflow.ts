/**
 * The ASB case workflow as a typed transition table: open -> (assess) in progress -> (review)
 * under review -> (close) closed -> (reopen) in progress. Closing needs a reason and, under the
 * 2025 statutory guidance, the victim told when and why.
 */
import { z } from 'zod';
import { isoDateSchema, type IsoDate } from '../../platform/dates/calendar-date.js';
import { defineWorkflow, notBefore, type FieldError } from '../../platform/workflow/transition-table.js';

export type CaseStatus = 'open' | 'in-progress' | 'under-review' | 'closed';
export type RiskBand = 'standard' | 'medium' | 'high';

export const CLOSURE_REASONS = {
  resolved: 'The behaviour has stopped',
  'enforcement-complete': 'Enforcement action completed',
  'no-further-action': 'No further action possible',
  'victim-withdrew': 'The victim asked for the case to close',
  'moved-away': 'The victim or perpetrator moved away',
  'referred-elsewhere': 'Referred to another agency',
  duplicate: 'Duplicate of another case',
  'opened-in-error': 'Opened in error',
} as const;
export type ClosureReason = keyof typeof CLOSURE_REASONS;

/** Reasons that allow closing an open case before it is assessed. */
const ADMINISTRATIVE: readonly ClosureReason[] = ['duplicate', 'opened-in-error'];

/** When the victim cannot be told of the closure. */
export const NOT_INFORMED_REASONS = {
  anonymous: 'The report was anonymous',
  'no-identified-victim': 'There is no identified victim',
  administrative: 'Closed as a duplicate or in error',
} as const;
export type NotInformedReason = keyof typeof NOT_INFORMED_REASONS;

export interface CaseState {
  status: CaseStatus;
  openedOn: IsoDate;
  lastChangedOn: IsoDate;
  riskBand?: RiskBand;
  assessedOn?: IsoDate;
  reviewRequestedOn?: IsoDate;
  reviewedOn?: IsoDate;
  closedOn?: IsoDate;
  closureReason?: ClosureReason;
  closureDetail?: string;
  victimInformedOn?: IsoDate;
  victimInformedHow?: string;
  victimNotInformedReason?: NotInformedReason;
  reopenCount: number;
  reopenReason?: string;
}

const on = isoDateSchema;

const inputs = {
  assess: z.object({
    on,
    riskBand: z.enum(['standard', 'medium', 'high'], { error: 'Choose the risk level' }),
  }),
  'request-review': z.object({ on, note: z.string().trim().optional() }),
  'continue-work': z.object({ on, note: z.string().trim().min(1, 'Say what is still to be done') }),
  close: z.object({
    on,
    reason: z.enum(Object.keys(CLOSURE_REASONS) as [ClosureReason, ...ClosureReason[]], {
      error: 'Choose why the case is closing',
    }),
    detail: z.string().trim().min(1, 'Explain the closure in a sentence the victim would understand'),
    victimInformedOn: isoDateSchema.optional(),
    victimInformedHow: z.string().trim().optional(),
    victimNotInformedReason: z
      .enum(Object.keys(NOT_INFORMED_REASONS) as [NotInformedReason, ...NotInformedReason[]])
      .optional(),
  }),
  reopen: z.object({ on, reason: z.string().trim().min(1, 'Say why the case is reopening') }),
};

type Inputs = { [K in keyof typeof inputs]: z.output<(typeof inputs)[K]> };
export type CaseAction = keyof Inputs;
export type CaseActionInput<A extends CaseAction> = z.input<(typeof inputs)[A]>;

const dated = (s: CaseState, i: { on: IsoDate }) =>
  notBefore('on', i.on, s.lastChangedOn, 'the last change to the case');

function closeChecks(s: CaseState, i: Inputs['close']): FieldError[] {
  const errors = dated(s, i);
  const administrative = ADMINISTRATIVE.includes(i.reason);
  if (s.status === 'open' && !administrative) {
    errors.push({
      field: 'reason',
      message: 'Assess the case before closing it, unless it is a duplicate or opened in error',
    });
  }
  if (s.riskBand === 'high' && s.status !== 'under-review' && !administrative) {
    errors.push({
      field: 'status',
      message: 'A high-risk case must be reviewed by a manager before it closes',
    });
  }
  if (i.victimInformedOn) {
    errors.push(...notBefore('victimInformedOn', i.victimInformedOn, s.openedOn, 'the case was opened'));
    if (!i.victimInformedHow)
      errors.push({ field: 'victimInformedHow', message: 'Say how the victim was told' });
  } else if (!i.victimNotInformedReason) {
    errors.push({
      field: 'victimInformedOn',
      message: 'Tell the victim the case is closing and why, and record when',
    });
  } else if (i.victimNotInformedReason === 'administrative' && !administrative) {
    errors.push({
      field: 'victimNotInformedReason',
      message: 'Only a duplicate or a case opened in error can close without telling the victim',
    });
  }
  return errors;
}

export const caseWorkflow = defineWorkflow<CaseStatus, CaseAction, CaseState, Inputs>({
  statusLabels: {
    open: 'open',
    'in-progress': 'in progress',
    'under-review': 'under review',
    closed: 'closed',
  },
  actions: {
    assess: { label: 'Record the risk assessment', input: inputs.assess },
    'request-review': { label: 'Ask for a review', input: inputs['request-review'] },
    'continue-work': { label: 'Continue work', input: inputs['continue-work'] },
    close: { label: 'Close the case', input: inputs.close },
    reopen: { label: 'Reopen the case', input: inputs.reopen },
  },
  table: {
    open: {
      assess: {
        check: dated,
        to: 'in-progress',
        set: (_, i) => ({ riskBand: i.riskBand, assessedOn: i.on, lastChangedOn: i.on }),
        banner: (_, i) =>
          i.riskBand === 'high'
            ? 'High risk: refer the case to the Community MARAC and agree contact with the victim'
            : `Risk assessed as ${i.riskBand}: agree an action plan and contact with the victim`,
      },
      close: {
        check: closeChecks,
        to: 'closed',
        set: closeFields,
        banner: 'Case closed',
      },
    },
    'in-progress': {
      assess: {
        check: dated,
        to: 'in-progress',
        set: (_, i) => ({ riskBand: i.riskBand, assessedOn: i.on, lastChangedOn: i.on }),
        banner: (_, i) => `Risk reassessed as ${i.riskBand}`,
      },
      'request-review': {
        check: dated,
        to: 'under-review',
        set: (_, i) => ({ reviewRequestedOn: i.on, lastChangedOn: i.on }),
        banner: 'Case sent for review',
      },
      close: { check: closeChecks, to: 'closed', set: closeFields, banner: 'Case closed' },
    },
    'under-review': {
      'continue-work': {
        check: dated,
        to: 'in-progress',
        set: (_, i) => ({ reviewedOn: i.on, lastChangedOn: i.on }),
        banner: 'Review done: the case stays open',
      },
      close: { check: closeChecks, to: 'closed', set: closeFields, banner: 'Review done: case closed' },
    },
    closed: {
      reopen: {
        check: dated,
        to: 'in-progress',
        set: (s, i) => ({
          reopenCount: s.reopenCount + 1,
          reopenReason: i.reason,
          closedOn: undefined,
          closureReason: undefined,
          closureDetail: undefined,
          victimInformedOn: undefined,
          victimInformedHow: undefined,
          victimNotInformedReason: undefined,
          lastChangedOn: i.on,
        }),
        banner: 'Case reopened: reassess the risk to the victim',
      },
    },
  },
});

function closeFields(_: CaseState, i: Inputs['close']): Partial<CaseState> {
  return {
    closedOn: i.on,
    closureReason: i.reason,
    closureDetail: i.detail,
    victimInformedOn: i.victimInformedOn,
    victimInformedHow: i.victimInformedHow,
    victimNotInformedReason: i.victimInformedOn ? undefined : i.victimNotInformedReason,
    lastChangedOn: i.on,
  };
}

export function newCase(openedOn: IsoDate): CaseState {
  isoDateSchema.parse(openedOn);
  return { status: 'open', openedOn, lastChangedOn: openedOn, reopenCount: 0 };
}

export function applyTransition<A extends CaseAction>(
  state: CaseState,
  action: A,
  input: CaseActionInput<A>,
) {
  return caseWorkflow.apply(state, action, input);
}

export function availableActions(state: CaseState): CaseAction[] {
  return caseWorkflow.available(state);
}
