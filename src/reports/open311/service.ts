import type { AppDeps } from '../../platform/module.js';
import { AuditService } from '../../platform/audit/service.js';
import { newId } from '../../platform/db/ids.js';
import type { ReportService, RequestMeta } from '../service.js';
import { ClientRefRepository } from '../api/client-ref-repository.js';
import type { PartnerApiKeysTable } from '../tables.js';
import { Open311Repository } from './repository.js';
import { updateOf } from './format.js';
import { commentNoticeMessage } from '../notify.js';
import { queueMessage } from '../../platform/notifications.js';

export interface IncomingComment {
  serviceRequestId: string;
  /** The client's own id for the comment: the same id sent again returns the first update. */
  clientUpdateId: string | null;
  /** The status the client thinks the report has (recorded, never applied: staff set the state). */
  status: string | null;
  description: string;
  name: string | null;
  email: string | null;
  mediaUrl: string | null;
  updatedAt: string | null;
}

/** mySociety's servicerequestupdates: staff-published updates out, residents' comments in. */
export class Open311UpdateService {
  private readonly repo: Open311Repository;
  private readonly refs: ClientRefRepository;
  private readonly audit: AuditService;

  constructor(
    private readonly deps: AppDeps,
    private readonly reports: ReportService,
  ) {
    this.repo = new Open311Repository(deps.db);
    this.refs = new ClientRefRepository(deps.db);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  /** The public updates on reports this key sent, between two instants. */
  async published(key: PartnerApiKeysTable, start: string, end: string) {
    const [rows, ref] = await Promise.all([
      this.repo.publishedUpdates(key.partnership_id, key.id, { start, end, limit: 1000 }),
      this.reports.referenceData(key.partnership_id),
    ]);
    return rows.map((u) => updateOf(u, ref, ref.category.get(u.category_code)?.environmental === 1));
  }

  /**
   * A resident's comment from the client lands on the report's timeline (not public: the team reads
   * it). Null when the report was not sent with this key. The comment and its client id are written in
   * one transaction under the client id's unique key, so a retry gets the first update's id.
   */
  async comment(
    key: PartnerApiKeysTable,
    c: IncomingComment,
    meta: RequestMeta,
  ): Promise<{ updateId: string; created: boolean } | null> {
    const clientRefs = c.clientUpdateId ? [`update:${c.clientUpdateId}`] : [];
    const earlier = await this.refs.find(key.id, clientRefs, 'report-update');
    if (earlier) return { updateId: earlier, created: false };
    const report = await this.reports.repo.findByReference(key.partnership_id, c.serviceRequestId);
    if (!report || report.api_key_id !== key.id) return null;
    const [routes, ref] = await Promise.all([
      this.reports.repo.routes(report.id),
      this.reports.referenceData(key.partnership_id),
    ]);
    // Each team hears through the officer the report is assigned to, else the team's own address.
    const teamEmails = new Set<string>();
    for (const r of routes.filter((x) => x.active === 1)) {
      const assigned = r.assigned_user_id
        ? (await this.reports.repo.teamMembers(r.team_id)).find((u) => u.id === r.assigned_user_id)?.email
        : null;
      const to = assigned ?? r.delivery_email ?? ref.team.get(r.team_id)?.email;
      if (to) teamEmails.add(to);
    }
    const id = newId();
    const now = this.deps.clock.iso();
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        for (const clientRef of clientRefs)
          await this.refs.insert(trx, {
            api_key_id: key.id,
            client_ref: clientRef,
            partnership_id: key.partnership_id,
            subject_type: 'report-update',
            subject_id: id,
            created_at: now,
          });
        await this.reports.repo.insertUpdate(trx, {
          id,
          partnership_id: key.partnership_id,
          report_id: report.id,
          at: now,
          user_id: null,
          author_label: `${c.name ?? 'Resident'} (via ${key.name})`,
          kind: 'comment',
          state_code: report.state_code,
          public: 0,
          text: [c.description, c.mediaUrl ? `Photo: ${c.mediaUrl}` : ''].filter(Boolean).join('\n\n'),
          details: JSON.stringify({
            clientUpdateId: c.clientUpdateId,
            clientStatus: c.status,
            email: c.email,
            mediaUrl: c.mediaUrl,
            sentAt: c.updatedAt,
          }),
        });
        await this.reports.repo.touch(trx, report.id, now);
        for (const to of teamEmails)
          await queueMessage(
            trx,
            this.deps.clock,
            commentNoticeMessage({
              partnershipId: key.partnership_id,
              reportId: report.id,
              reference: report.reference,
              baseUrl: this.deps.config.baseUrl,
              to,
              via: key.name,
            }),
          );
        await this.audit.record(
          {
            partnershipId: key.partnership_id,
            userId: null,
            userLabel: `api-key:${key.name}`,
            action: 'report.comment-received',
            subjectType: 'report',
            subjectId: report.id,
            ip: meta.ip,
            requestId: meta.requestId,
            details: { reference: report.reference, updateId: id },
          },
          trx,
        );
      });
    } catch (err) {
      const raced = await this.refs.find(key.id, clientRefs, 'report-update');
      if (raced) return { updateId: raced, created: false };
      throw err;
    }
    return { updateId: id, created: true };
  }
}
