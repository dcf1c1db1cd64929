/**
 * Sharing a case with another agency: a reason (the agreement or lawful basis) is required and
 * audited; partners then see the case read-only, with sensitive fields withheld unless the share
 * includes them explicitly. Revoking ends their access at once.
 */
import { newId } from '../platform/db/ids.js';
import { notFound } from '../platform/web/errors.js';
import type { Actor } from './context.js';
import type { CaseService, Result } from './service.js';
import type { ShareForm } from './schemas.js';

export class SharingService {
  constructor(private readonly cases: CaseService) {}

  async share(
    actor: Actor,
    caseId: string,
    form: ShareForm,
  ): Promise<Result<{ id: string; agencyName: string }>> {
    const { c } = await this.cases.guard.open(actor, caseId, 'share');
    const agencies = await this.cases.repo.partnershipAgencies(c.partnership_id);
    const agency = agencies.find((a) => a.id === form.agencyId);
    if (!agency) return { ok: false, errors: { agencyId: 'Choose the agency to share the case with' } };
    const lead = await this.cases.repo.team(c.lead_team_id);
    if (lead?.agency_id === agency.id)
      return {
        ok: false,
        errors: { agencyId: `${agency.name} leads the case already: add one of its teams instead` },
      };
    const existing = await this.cases.repo.activeShare(caseId, agency.id);
    const id = newId();
    const now = this.cases.ctx.deps.clock.iso();
    const sensitive = form.includeSensitive === 'yes';
    await this.cases.ctx.transaction(async (trx) => {
      if (existing) await this.cases.repo.revokeShare(trx, existing.id, now, actor.user.id);
      await this.cases.repo.insertShare(trx, {
        id,
        partnership_id: c.partnership_id,
        case_id: caseId,
        agency_id: agency.id,
        reason: form.reason,
        include_sensitive: sensitive ? 1 : 0,
        shared_at: now,
        shared_by: actor.user.id,
        revoked_at: null,
        revoked_by: null,
      });
      await this.cases.touch(trx, caseId);
      await this.cases.event(trx, actor, caseId, {
        kind: 'share',
        action: 'shared',
        on: this.cases.ctx.today(),
        summary: `Shared with ${agency.name}${sensitive ? ', including sensitive details' : ' (sensitive details withheld)'}: ${form.reason}`,
        details: { shareId: id, agencyId: agency.id },
      });
      await this.cases.ctx.record(
        actor,
        'case.shared',
        { type: 'case', id: caseId },
        { shareId: id, agencyId: agency.id, includeSensitive: sensitive, replaced: existing?.id ?? null },
        trx,
        form.reason,
      );
    });
    return { ok: true, value: { id, agencyName: agency.name } };
  }

  async revoke(actor: Actor, caseId: string, shareId: string, reason: string): Promise<Result<null>> {
    await this.cases.guard.open(actor, caseId, 'share');
    const share = (await this.cases.repo.shares(caseId)).find((x) => x.id === shareId);
    if (!share || share.revoked_at) throw notFound('Share');
    if (!reason.trim())
      return { ok: false, errors: { [`reason-${shareId}`]: 'Say why the sharing is ending' } };
    await this.cases.ctx.transaction(async (trx) => {
      await this.cases.repo.revokeShare(trx, shareId, this.cases.ctx.deps.clock.iso(), actor.user.id);
      await this.cases.touch(trx, caseId);
      await this.cases.event(trx, actor, caseId, {
        kind: 'share',
        action: 'share-revoked',
        on: this.cases.ctx.today(),
        summary: `Sharing with ${share.agency_name} ended: ${reason.trim()}`,
        details: { shareId },
      });
      await this.cases.ctx.record(
        actor,
        'case.share-revoked',
        { type: 'case', id: caseId },
        { shareId, agencyId: share.agency_id },
        trx,
        reason.trim(),
      );
    });
    return { ok: true, value: null };
  }

  /** The case's shares (past and present); a partner sees only their own agency's. */
  async list(actor: Actor, caseId: string) {
    const { c, access } = await this.cases.guard.open(actor, caseId, 'read');
    const all = await this.cases.repo.shares(caseId);
    const shares = access.mode === 'shared' ? all.filter((x) => x.agency_id === actor.user.agencyId) : all;
    await this.cases.ctx.record(
      actor,
      'case.viewed',
      { type: 'case', id: caseId },
      { page: 'sharing', mode: access.mode },
    );
    return {
      c,
      access,
      shares,
      agencies: access.canShare ? await this.cases.repo.partnershipAgencies(c.partnership_id) : [],
    };
  }
}
