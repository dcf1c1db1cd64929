/**
 * Modern slavery and exploitation: National Referral Mechanism referrals and Duty to Notify records.
 * Only named safeguarding roles (the safeguarding.read permission) see or record them; the routes
 * refuse everyone else, and the refusal is audited by the platform.
 */
import { z } from 'zod';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { newId } from '../platform/db/ids.js';
import { todayInLondon } from '../platform/dates/calendar-date.js';
import { optionalDate, requiredDate } from '../cases/form-dates.js';
import { OperationsRepository } from './repository.js';
import { OutreachService, type Errors, type Meta } from './contacts-service.js';
import { GROUNDS, NRM_KINDS } from './labels.js';

const text = (message: string, max: number) =>
  z.string({ error: message }).trim().min(1, message).max(max, `Enter no more than ${max} characters`);

export const nrmSchema = z
  .object({
    kind: z.enum(Object.keys(NRM_KINDS) as [keyof typeof NRM_KINDS], { error: 'Select the kind of record' }),
    referredOn: requiredDate('the date of the referral'),
    referredBy: text('Enter the name of the person who made the referral', 200),
    firstResponder: text('Enter the first responder organisation that made the referral', 200),
    reasonableGrounds: z.enum(['awaited', 'positive', 'negative'], {
      error: 'Select the reasonable grounds decision',
    }),
    reasonableGroundsOn: optionalDate('the date of the reasonable grounds decision'),
    conclusiveGrounds: z.enum(Object.keys(GROUNDS) as [keyof typeof GROUNDS], {
      error: 'Select the conclusive grounds decision',
    }),
    conclusiveGroundsOn: optionalDate('the date of the conclusive grounds decision'),
    notes: z
      .string()
      .trim()
      .max(2000, 'Enter no more than 2000 characters')
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if (v.reasonableGrounds !== 'awaited' && !v.reasonableGroundsOn)
      ctx.addIssue({
        code: 'custom',
        path: ['reasonableGroundsOn'],
        message: 'Enter the date of the reasonable grounds decision',
      });
    if (['positive', 'negative'].includes(v.conclusiveGrounds) && !v.conclusiveGroundsOn)
      ctx.addIssue({
        code: 'custom',
        path: ['conclusiveGroundsOn'],
        message: 'Enter the date of the conclusive grounds decision',
      });
    if (['positive', 'negative'].includes(v.conclusiveGrounds) && v.reasonableGrounds !== 'positive')
      ctx.addIssue({
        code: 'custom',
        path: ['conclusiveGrounds'],
        message: 'A conclusive grounds decision follows a positive reasonable grounds decision',
      });
  });
export type NrmForm = z.output<typeof nrmSchema>;

export class SafeguardingService {
  private readonly repo: OperationsRepository;
  private readonly outreach: OutreachService;

  constructor(
    private readonly deps: AppDeps,
    uses: { outreach?: OutreachService } = {},
  ) {
    this.repo = new OperationsRepository(deps.db);
    this.outreach = uses.outreach ?? new OutreachService(deps);
  }

  async recordNrm(user: CurrentUser, personId: string, form: NrmForm, meta: Meta = {}): Promise<Errors> {
    const names = await this.outreach.people.names(user.partnershipId, [personId]);
    if (!names.has(personId)) return { form: 'The person could not be found' };
    const today = todayInLondon(this.deps.clock.now());
    for (const [field, d] of [
      ['referredOn', form.referredOn],
      ['reasonableGroundsOn', form.reasonableGroundsOn],
      ['conclusiveGroundsOn', form.conclusiveGroundsOn],
    ] as const)
      if (d && d > today) return { [field]: 'The date must be today or in the past' };
    const id = newId();
    const now = this.deps.clock.iso();
    await this.repo.insertNrm({
      id,
      partnership_id: user.partnershipId,
      person_id: personId,
      contact_id: null,
      kind: form.kind,
      referred_on: form.referredOn,
      referred_by: form.referredBy,
      first_responder: form.firstResponder,
      reasonable_grounds: form.reasonableGrounds,
      reasonable_grounds_on: form.reasonableGroundsOn ?? null,
      conclusive_grounds: form.conclusiveGrounds,
      conclusive_grounds_on: form.conclusiveGroundsOn ?? null,
      notes: form.notes,
      created_by: user.id,
      created_at: now,
      updated_at: now,
    });
    await this.outreach.record(
      user,
      'operations.nrm-recorded',
      { type: 'person', id: personId },
      { nrmId: id, kind: form.kind },
      meta,
    );
    return {};
  }

  async forPerson(user: CurrentUser, personId: string) {
    return this.repo.nrmForPerson(user.partnershipId, personId);
  }

  /** Every NRM and Duty to Notify record, with the person's name (audited; no notes in the list). */
  async list(user: CurrentUser, meta: Meta = {}) {
    const rows = await this.repo.nrmList(user.partnershipId);
    const names = await this.outreach.people.names(
      user.partnershipId,
      rows.map((r) => r.person_id),
    );
    await this.outreach.record(
      user,
      'operations.nrm-listed',
      { type: 'nrm-list', id: user.partnershipId },
      { count: rows.length },
      meta,
    );
    return rows.map((r) => ({ ...r, personName: names.get(r.person_id) ?? 'Unnamed person' }));
  }
}
