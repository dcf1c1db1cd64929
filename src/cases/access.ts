/**
 * Need-to-know for cases: a user sees a case when their team holds it (lead or added team), when it
 * is shared with their agency (read only; sensitive fields withheld unless the share includes them),
 * or, for the MARAC coordinator, when it has been referred to the Community MARAC. Administrators see
 * every case in their partnership. Every refusal is audited.
 */
import { can } from '../platform/permissions/roles.js';
import { forbidden, notFound } from '../platform/web/errors.js';
import type { CasesTable, CasePartiesTable } from './tables.js';
import type { Actor, CasesContext } from './context.js';
import type { CaseRepository } from './repository.js';
import { frequencyOf } from './labels.js';

export type AccessMode = 'admin' | 'team' | 'marac' | 'shared';

export interface CaseAccess {
  mode: AccessMode;
  /** Health, addresses, contact details, risk answers, documents and contact notes. */
  sensitive: boolean;
  canManage: boolean;
  canShare: boolean;
}

export type Need = 'read' | 'manage' | 'share';

export class CaseGuard {
  constructor(
    private readonly ctx: CasesContext,
    private readonly repo: CaseRepository,
  ) {}

  /** The case and how the actor may use it; refuses (audited) when they may not. */
  async open(
    actor: Actor,
    caseId: string,
    need: Need = 'read',
  ): Promise<{ c: CasesTable; access: CaseAccess }> {
    const c = await this.repo.getCase(caseId);
    if (!c || c.partnership_id !== actor.user.partnershipId) {
      await this.ctx.record(
        actor,
        'case.access-denied',
        { type: 'case', id: caseId },
        { need },
        undefined,
        'no such case in this partnership',
      );
      throw notFound('Case');
    }
    const access = await this.accessTo(actor, c);
    const allowed =
      access &&
      (need === 'read' || (need === 'manage' && access.canManage) || (need === 'share' && access.canShare));
    if (!allowed) {
      await this.ctx.record(
        actor,
        'case.access-denied',
        { type: 'case', id: caseId },
        { need, mode: access?.mode ?? null },
        undefined,
        access ? `may not ${need} this case` : 'not held by the user’s team nor shared with their agency',
      );
      throw forbidden();
    }
    return { c, access: access! };
  }

  async accessTo(actor: Actor, c: CasesTable): Promise<CaseAccess | null> {
    const { user } = actor;
    const role = user.role;
    if (role === 'administrator') {
      return {
        mode: 'admin',
        sensitive: true,
        canManage: can(role, 'cases.manage'),
        canShare: can(role, 'cases.share'),
      };
    }
    if (user.teamId && can(role, 'cases.read') && (await this.teamHolds(c, user.teamId))) {
      return {
        mode: 'team',
        sensitive: true,
        canManage: can(role, 'cases.manage'),
        canShare: can(role, 'cases.share'),
      };
    }
    if (
      can(role, 'marac.coordinate') &&
      (await this.ctx.deps.db
        .selectFrom('marac_referrals')
        .select('id')
        .where('case_id', '=', c.id)
        .where('status', '!=', 'withdrawn')
        .executeTakeFirst())
    ) {
      return { mode: 'marac', sensitive: true, canManage: false, canShare: false };
    }
    if (can(role, 'shared.read')) {
      const share = await this.repo.activeShare(c.id, user.agencyId);
      if (share)
        return {
          mode: 'shared',
          sensitive: share.include_sensitive === 1,
          canManage: false,
          canShare: false,
        };
    }
    return null;
  }

  private async teamHolds(c: CasesTable, teamId: string): Promise<boolean> {
    if (c.lead_team_id === teamId) return true;
    const teams = await this.repo.teams(c.id);
    return teams.some((t) => t.team_id === teamId);
  }
}

export const SENSITIVE_PARTY_FIELDS = [
  'dob',
  'phone',
  'email',
  'address',
  'postcode',
  'health_notes',
  'sharing_preferences',
] as const;

export type VisibleParty = CasePartiesTable & { withheld: boolean; frequency: string | null };

/** A party as this user may see it: sensitive fields blanked unless the access includes them. */
export function visibleParty(p: CasePartiesTable, access: CaseAccess): VisibleParty {
  const frequency = frequencyOf(p.contact_every, p.contact_unit);
  if (access.sensitive) return { ...p, withheld: false, frequency };
  const out = { ...p, withheld: true, frequency };
  for (const f of SENSITIVE_PARTY_FIELDS) (out as Record<string, unknown>)[f] = null;
  return out;
}
