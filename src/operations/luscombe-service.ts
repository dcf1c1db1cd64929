/**
 * Begging and the Luscombe model: engagement by outreach first, then the green ticket (an invitation
 * to the intervention hub with named partners), then the amber ticket (a Community Protection
 * Warning). The tickets are steps on the person's powers ladder (in the cases module); this module
 * adds the support-before-enforcement rule to the ladder and records hub attendance and outcomes.
 */
import { z } from 'zod';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { newId } from '../platform/db/ids.js';
import { notFound } from '../platform/web/errors.js';
import { can } from '../platform/permissions/roles.js';
import { todayInLondon } from '../platform/dates/calendar-date.js';
import { requiredDate } from '../cases/form-dates.js';
import { createCaseServices, type CaseServices } from '../cases/services.js';
import type { LadderCheckInput, LadderCheckIssue } from '../cases/ladder-checks.js';
import { powerInfo } from '../cases/rules/powers-ladder.js';
import { OperationsRepository } from './repository.js';
import { OutreachService, type Errors, type Meta } from './contacts-service.js';
import { HUB_OUTCOMES } from './labels.js';

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Enter no more than ${max} characters`)
    .optional()
    .transform((v) => (v ? v : null));
const ticks = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(Object.keys(HUB_OUTCOMES) as [keyof typeof HUB_OUTCOMES]), {
    error: 'Choose outcomes from the list',
  }),
);

export const ticketSchema = z.object({
  kind: z.enum(['green', 'amber'], { error: 'Choose the ticket' }),
  issuedOn: requiredDate('the date the ticket was given'),
  partners: optional(500),
  conditions: optional(2000),
  acknowledgeWarnings: z.preprocess((v) => v === 'yes', z.boolean()),
  overrideReason: optional(1000),
});
export type TicketForm = z.output<typeof ticketSchema>;

export const hubSchema = z.object({
  attendedOn: requiredDate('the date of the hub session'),
  attended: z.enum(['yes', 'no'], { error: 'Select yes if the person came to the hub' }),
  partners: optional(500),
  outcomes: ticks,
  notes: optional(2000),
});
export type HubForm = z.output<typeof hubSchema>;

/**
 * The ladder check: an amber ticket, or any enforcement step for a person known to street outreach,
 * is refused without a support offer on record unless an override reason is given; a green ticket
 * before any engagement, and an amber ticket before a green one, warn.
 */
export async function supportBeforeEnforcement(
  deps: AppDeps,
  input: LadderCheckInput,
): Promise<LadderCheckIssue[]> {
  const repo = new OperationsRepository(deps.db);
  const issues: LadderCheckIssue[] = [];
  const before = input.others.filter((o) => o.issuedOn <= input.issuedOn);
  const contacts = await repo.contactCount(input.partnershipId, input.personId);
  const luscombe = input.others.some((o) => o.power.startsWith('luscombe-'));
  const enforcement = input.power === 'luscombe-amber' || (input.statutory && input.rung >= 1);
  if (enforcement && (input.power === 'luscombe-amber' || contacts > 0 || luscombe)) {
    const supportStep = before.some((o) => o.power === 'luscombe-green' || o.power === 'support-referral');
    if (!supportStep && !(await repo.supportOnRecord(input.partnershipId, input.personId)))
      issues.push({
        kind: 'refuse',
        code: 'enforcement-without-support',
        message: `No support offer is on record for this person before this ${powerInfo(input.power).short}: offer support first (an outreach contact with support offered, a green ticket or a hub visit)`,
      });
  }
  if (input.power === 'luscombe-green' && contacts === 0)
    issues.push({
      kind: 'warning',
      code: 'green-without-engagement',
      message:
        'No outreach engagement is recorded with this person: the Luscombe model starts with engagement before a green ticket',
    });
  if (input.power === 'luscombe-amber' && !before.some((o) => o.power === 'luscombe-green'))
    issues.push({
      kind: 'warning',
      code: 'amber-without-green',
      message:
        'No green ticket before this amber ticket: the Luscombe model invites the person to the hub (green ticket) before a Community Protection Warning (amber ticket)',
    });
  return issues;
}

export class LuscombeService {
  private readonly repo: OperationsRepository;
  private readonly outreach: OutreachService;

  private readonly cases: CaseServices;

  constructor(
    private readonly deps: AppDeps,
    uses: { outreach?: OutreachService; cases?: CaseServices } = {},
  ) {
    this.repo = new OperationsRepository(deps.db);
    this.outreach = uses.outreach ?? new OutreachService(deps);
    this.cases = uses.cases ?? createCaseServices(deps);
  }

  private today() {
    return todayInLondon(this.deps.clock.now());
  }

  async personName(user: CurrentUser, personId: string): Promise<string> {
    const name = (await this.outreach.people.names(user.partnershipId, [personId])).get(personId);
    if (!name) throw notFound('Person');
    return name;
  }

  /**
   * Gives a green or amber ticket: the step goes on the person's powers ladder, on the case that
   * holds their Luscombe tickets (opened with the first ticket, the officer's team leading).
   */
  async issueTicket(user: CurrentUser, personId: string, form: TicketForm, meta: Meta = {}) {
    const pid = user.partnershipId;
    const name = await this.personName(user, personId);
    const power = form.kind === 'green' ? 'luscombe-green' : 'luscombe-amber';
    if (form.issuedOn > this.today())
      return {
        ok: false as const,
        errors: { issuedOn: 'The date the ticket was given must be today or in the past' },
        warnings: [],
      };
    if (form.kind === 'green' && !form.partners)
      return {
        ok: false as const,
        errors: { partners: 'Name the partners the person is invited to meet at the hub' },
        warnings: [],
      };
    const s = this.cases;
    const actor = { user, ip: meta.ip, requestId: meta.requestId };
    const existing = await this.repo.luscombeCase(pid, personId);
    if (!existing) {
      // Checked before the case is opened, so a refused first ticket leaves nothing behind.
      const info = powerInfo(power);
      const issues = await supportBeforeEnforcement(this.deps, {
        partnershipId: pid,
        personId,
        power,
        rung: info.rung,
        statutory: info.statutory,
        issuedOn: form.issuedOn,
        others: [],
      });
      const refused = issues.filter((i) => i.kind === 'refuse');
      const warnings = issues.filter((i) => i.kind === 'warning');
      if (refused.length && !form.overrideReason)
        return {
          ok: false as const,
          errors: {
            overrideReason: `${refused.map((r) => r.message).join('. ')}. To record it anyway, give the reason for the override`,
          },
          warnings: warnings.map((w) => ({ message: w.message })),
        };
      if (warnings.length && !form.acknowledgeWarnings)
        return {
          ok: false as const,
          errors: { acknowledgeWarnings: 'Read the warnings, then confirm you want to record this ticket' },
          warnings: warnings.map((w) => ({ message: w.message })),
        };
      if (!user.teamId)
        return {
          ok: false as const,
          errors: { kind: 'You need to be in a team to give a ticket' },
          warnings: [],
        };
    }
    const held = existing ?? (await this.openLuscombeCase(user, personId, name, s));
    const rec = await s.ladder.record(actor, held.case_id, {
      subject: `party:${held.party_id}`,
      power,
      issuedOn: form.issuedOn,
      expiresOn: undefined,
      reviewOn: undefined,
      durationHours: null,
      indefinite: false,
      extended: false,
      conditions: form.conditions,
      penaltyAmount: null,
      riskAssessmentDone: null,
      convictionRecorded: null,
      notes: form.kind === 'green' ? `Invited to the hub to meet: ${form.partners}` : null,
      acknowledgeWarnings: form.acknowledgeWarnings,
      overrideReason: form.overrideReason,
    });
    if (!rec.ok)
      return {
        ok: false as const,
        errors: rec.errors,
        warnings: rec.warnings.map((w) => ({ message: w.message })),
      };
    return { ok: true as const, caseId: held.case_id, stepId: rec.value.id };
  }

  private async openLuscombeCase(user: CurrentUser, personId: string, name: string, s: CaseServices) {
    const actor = { user };
    const opened = await s.cases.open(actor, {
      title: `Begging: ${name}`,
      caseType: 'nuisance',
      summary:
        'Operation Luscombe: support before enforcement for a person begging. Tickets are recorded on the powers ladder.',
      leadTeamId: user.teamId!,
      spocUserId: user.id,
      location: null,
      openedOn: this.today(),
      reportIds: [],
      reportReferences: [],
      addReporters: false,
    });
    if (!opened.ok)
      throw new Error(`could not open the Luscombe case: ${Object.values(opened.errors).join('; ')}`);
    const caseId = opened.value.id;
    const contacts = await this.repo.contactsForPerson(user.partnershipId, [personId]);
    const named = contacts.find((c) => c.given_name || c.surname);
    return s.cases.ctx.transaction(async (trx) => {
      const party = await s.cases.insertParty(trx, actor, caseId, user.teamId!, {
        role: 'perpetrator',
        givenName: named?.given_name ?? named?.known_as ?? name,
        surname: named?.surname ?? null,
        dob: null,
        phone: null,
        email: null,
        address: null,
        postcode: null,
        healthNotes: null,
        personId,
      });
      const row = {
        partnership_id: user.partnershipId,
        person_id: personId,
        case_id: caseId,
        party_id: party.partyId,
        created_at: this.deps.clock.iso(),
      };
      await this.repo.insertLuscombeCase(row, trx);
      return row;
    });
  }

  async recordHub(user: CurrentUser, personId: string, form: HubForm, meta: Meta = {}): Promise<Errors> {
    await this.personName(user, personId);
    if (form.attendedOn > this.today())
      return { attendedOn: 'The date of the hub session must be today or in the past' };
    const id = newId();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo.insertHub(
        {
          id,
          partnership_id: user.partnershipId,
          person_id: personId,
          attended_on: form.attendedOn,
          attended: form.attended === 'yes' ? 1 : 0,
          partners: form.partners,
          outcomes: JSON.stringify(form.outcomes),
          notes: form.notes,
          created_by: user.id,
          created_at: this.deps.clock.iso(),
        },
        trx,
      );
    });
    await this.outreach.record(
      user,
      'operations.hub-recorded',
      { type: 'person', id: personId },
      { hubId: id },
      meta,
    );
    return {};
  }

  /** Support beside enforcement for one person, as this user may see it. The caller audits. */
  async supportAndEnforcement(user: CurrentUser, personId: string) {
    const pid = user.partnershipId;
    const [contacts, hub] = await Promise.all([
      this.repo.contactsForPerson(pid, [personId]),
      this.repo.hubForPerson(pid, personId),
    ]);
    let steps: Awaited<
      ReturnType<ReturnType<typeof createCaseServices>['ladder']['visibleStepsForPerson']>
    >['steps'] = [];
    let hiddenSteps = 0;
    if (can(user.role, 'cases.read')) {
      const v = await this.cases.ladder.visibleStepsForPerson({ user }, personId);
      steps = v.steps;
      hiddenSteps = v.hidden;
    }
    const isSupport = (power: string) => power === 'luscombe-green' || power === 'support-referral';
    const support = steps.filter((s) => isSupport(s.power));
    const enforcement = steps.filter((s) => !isSupport(s.power));
    return {
      contacts: contacts.map((c) => this.outreach.redact(user, c)),
      hub,
      supportSteps: support,
      enforcementSteps: enforcement,
      hiddenSteps,
      canSeeSteps: can(user.role, 'cases.read'),
      luscombeCase: await this.repo.luscombeCase(pid, personId),
    };
  }
}
