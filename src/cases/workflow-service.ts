/**
 * Moves a case through its workflow (rules/workflow.ts): each change is refused with the reason
 * when the table does not allow it, and otherwise stored with its event and audit entry in one
 * transaction. Closing can send the victim the closure letter from the template.
 */
import { queueMessage } from '../platform/notifications.js';
import { applyTransition, type CaseAction, type CaseState } from './rules/workflow.js';
import type { FieldError } from '../platform/workflow/transition-table.js';
import type { Actor, Trx } from './context.js';
import type { CaseService, Errors, Result } from './service.js';
import type { CloseForm } from './schemas.js';
import { closureLetter } from './letters.js';
import type { CasesTable } from './tables.js';

export interface TransitionOutcome {
  banner: string;
  from: string;
  to: string;
  state: CaseState;
}

export class CaseWorkflowService {
  constructor(private readonly cases: CaseService) {}

  /** Applies one action; `input` is the workflow's own input for that action. */
  async transition(
    actor: Actor,
    caseId: string,
    action: CaseAction,
    input: Record<string, unknown>,
    extra?: (trx: Trx, c: CasesTable, outcome: TransitionOutcome) => Promise<void>,
  ): Promise<Result<TransitionOutcome>> {
    const { c } = await this.cases.guard.open(actor, caseId, 'manage');
    return this.applyTo(actor, c, action, input, extra);
  }

  async applyTo(
    actor: Actor,
    c: CasesTable,
    action: CaseAction,
    input: Record<string, unknown>,
    extra?: (trx: Trx, c: CasesTable, outcome: TransitionOutcome) => Promise<void>,
  ): Promise<Result<TransitionOutcome>> {
    const state = JSON.parse(c.state) as CaseState;
    const result = applyTransition(state, action, input as never);
    if (!result.ok) {
      await this.cases.ctx.record(
        actor,
        'case.transition-refused',
        { type: 'case', id: c.id },
        { action, reason: result.reason },
      );
      return { ok: false, errors: toErrors(result.errors, result.reason) };
    }
    const outcome: TransitionOutcome = {
      banner: result.banner,
      from: result.from,
      to: result.to,
      state: result.state,
    };
    const now = this.cases.ctx.deps.clock.iso();
    await this.cases.ctx.transaction(async (trx) => {
      await this.cases.repo.updateCase(trx, c.id, {
        status: result.state.status,
        risk_band: result.state.riskBand ?? null,
        closed_on: result.state.closedOn ?? null,
        state: JSON.stringify(result.state),
        updated_at: now,
      });
      await this.cases.event(trx, actor, c.id, {
        kind: 'transition',
        action,
        from: result.from,
        to: result.to,
        on: String(input.on),
        summary: summaryOf(action, result.state, input),
        details: input,
      });
      await this.cases.ctx.record(
        actor,
        `case.${action}`,
        { type: 'case', id: c.id },
        { from: result.from, to: result.to },
        trx,
      );
      await extra?.(trx, c, outcome);
    });
    return { ok: true, value: outcome };
  }

  /** Closes the case; with 'send-letter' the closure letter goes to each victim by email or post. */
  async close(
    actor: Actor,
    caseId: string,
    form: CloseForm,
  ): Promise<Result<TransitionOutcome & { lettersSent: number }>> {
    const { c } = await this.cases.guard.open(actor, caseId, 'manage');
    const input: Record<string, unknown> = { on: form.on, reason: form.reason, detail: form.detail };
    let letters: { recipient: string; channel: 'email' | 'letter'; name: string }[] = [];
    if (form.tellVictim === 'send-letter') {
      const victims = (await this.cases.repo.parties(caseId)).filter((p) => p.role === 'victim');
      letters = victims
        .map((v) =>
          v.email
            ? { recipient: v.email, channel: 'email' as const, name: v.display_name }
            : v.address
              ? {
                  recipient: [v.display_name, v.address, v.postcode].filter(Boolean).join(', '),
                  channel: 'letter' as const,
                  name: v.display_name,
                }
              : null,
        )
        .filter((x) => x !== null);
      if (!letters.length) {
        return {
          ok: false,
          errors: {
            tellVictim:
              'No victim on the case has an email or postal address: record how the victim was told, or why they cannot be',
          },
        };
      }
      input.victimInformedOn = form.on;
      input.victimInformedHow = `Closure letter sent by ${[...new Set(letters.map((l) => (l.channel === 'email' ? 'email' : 'post')))].join(' and ')}`;
    } else if (form.tellVictim === 'already-told') {
      input.victimInformedOn = form.victimInformedOn;
      input.victimInformedHow = form.victimInformedHow ?? undefined;
    } else {
      input.victimNotInformedReason = form.victimNotInformedReason;
    }
    const view = await this.cases.repo.getCaseView(caseId);
    const partnershipName = await this.cases.repo.partnershipName(c.partnership_id);
    const result = await this.applyTo(actor, c, 'close', input, async (trx) => {
      for (const l of letters) {
        const letter = closureLetter({
          victimName: l.name,
          reference: c.reference,
          closedOn: form.on,
          reason: form.reason,
          detail: form.detail,
          officerName: view?.spoc_name ?? actor.user.name,
          teamName: view?.lead_team_name ?? '',
          partnershipName,
        });
        await queueMessage(trx, this.cases.ctx.deps.clock, {
          partnershipId: c.partnership_id,
          channel: l.channel,
          recipient: l.recipient,
          template: 'case-closure',
          subject: letter.subject,
          body: letter.body,
          relatedType: 'case',
          relatedId: c.id,
        });
        await this.cases.event(trx, actor, c.id, {
          kind: 'contact',
          action: 'closure-letter',
          on: form.on,
          summary: `Closure letter sent to ${l.name} by ${l.channel === 'email' ? 'email' : 'post'}`,
        });
      }
    });
    if (!result.ok) {
      // Name the form's own fields for the victim-told errors.
      const errors: Errors = {};
      for (const [k, v] of Object.entries(result.errors)) {
        if (form.tellVictim === 'send-letter' && (k === 'victimInformedOn' || k === 'victimInformedHow'))
          errors.tellVictim = v;
        else errors[k] = v;
      }
      return { ok: false, errors };
    }
    return { ok: true, value: { ...result.value, lettersSent: letters.length } };
  }
}

function toErrors(errors: FieldError[], reason: string): Errors {
  if (!errors.length) return { status: reason };
  const out: Errors = {};
  for (const e of errors) if (!out[e.field]) out[e.field] = e.message;
  return out;
}

function summaryOf(action: CaseAction, s: CaseState, input: Record<string, unknown>): string {
  switch (action) {
    case 'assess':
      return `Risk assessed as ${s.riskBand}`;
    case 'request-review':
      return 'Sent for review' + (input.note ? `: ${String(input.note)}` : '');
    case 'continue-work':
      return `Review done, work continues: ${String(input.note ?? '')}`;
    case 'close':
      return `Case closed: ${s.closureDetail ?? ''}`;
    case 'reopen':
      return `Case reopened: ${s.reopenReason ?? ''}`;
  }
}
