/** The reports a case is opened from, seen through the reports module's ReportService. */
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { ReportService } from '../reports/service.js';
import type { ReportSummaryRow } from '../reports/repository.js';

export interface ReportSummary {
  id: string;
  reference: string;
  categoryCode: string;
  hateIncident: boolean;
  locationText: string | null;
  createdAt: string;
  reporterKind: string;
  reporterPersonId: string | null;
  stateKind: string;
}

const toSummary = (r: ReportSummaryRow): ReportSummary => ({
  id: r.id,
  reference: r.reference,
  categoryCode: r.category_code,
  hateIncident: r.hate_incident === 1,
  locationText: r.location_text,
  createdAt: r.created_at,
  reporterKind: r.reporter_kind,
  reporterPersonId: r.reporter_person_id,
  stateKind: r.state_kind,
});

export class LinkedReports {
  private readonly service: ReportService;
  constructor(deps: AppDeps, service?: ReportService) {
    this.service = service ?? new ReportService(deps);
  }

  async byIds(partnershipId: string, ids: string[]): Promise<ReportSummary[]> {
    if (!ids.length) return [];
    return (await this.service.listByIds(partnershipId, ids)).map(toSummary);
  }

  async byReference(partnershipId: string, reference: string): Promise<ReportSummary | null> {
    const r = await this.service.summary(partnershipId, reference.trim().toUpperCase());
    return r ? toSummary(r) : null;
  }

  /** Reports the person made (any channel), newest first. */
  async forPerson(partnershipId: string, personId: string): Promise<ReportSummary[]> {
    return (await this.service.listForPerson(partnershipId, personId)).map(toSummary);
  }

  /** A report may be linked by someone who may see it (the reports module's need-to-know). */
  visibleTo(user: CurrentUser, r: ReportSummary): Promise<boolean> {
    return this.service.canSee(user, r.id);
  }
}
