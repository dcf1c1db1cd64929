import JSZip from 'jszip';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { todayInLondon, type IsoDate } from '../platform/dates/calendar-date.js';
import { HttpError, notFound } from '../platform/web/errors.js';

const badRequest = (message: string) => new HttpError(400, message);
import { createViewEnvironment } from '../platform/web/views.js';
import { PeopleService } from '../people/service.js';
import { extensionRefusal, sarDueOn, sarExtendedDueOn, sarStatus } from './sar-clock.js';
import { SarRepository } from './sar-repository.js';
import { exportFiles, gatherExport, redactionKey, type ExportData } from './sar-export.js';
import type { PrivacySarRequestsTable } from './tables.js';

interface Meta {
  ip?: string;
  requestId?: string;
}

export interface NewSar {
  requesterName: string;
  requesterContact: string | null;
  receivedOn: IsoDate;
  lawEnforcement: boolean;
}

let views: ReturnType<typeof createViewEnvironment> | undefined;

/**
 * Subject access requests: the statutory clock, finding the person (the linkage engine proposes
 * candidates, the DPO confirms each record), the redaction review and the ZIP export. Every step
 * is audited; nothing is exported that the DPO has not confirmed.
 */
export class SarService {
  private readonly audit: AuditService;
  private readonly people: PeopleService;
  constructor(private readonly deps: AppDeps) {
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
    this.people = new PeopleService(deps);
  }

  private today(): IsoDate {
    return todayInLondon(this.deps.clock.now());
  }

  private record(
    user: CurrentUser,
    action: string,
    id: string,
    details: Record<string, unknown>,
    meta: Meta,
  ) {
    return this.audit.record({
      partnershipId: user.partnershipId,
      userId: user.id,
      userLabel: user.name,
      action,
      subjectType: 'subject_access_request',
      subjectId: id,
      details,
      ...meta,
    });
  }

  async create(user: CurrentUser, input: NewSar, meta: Meta = {}): Promise<string> {
    const id = newId();
    const repo = new SarRepository(this.deps.db);
    const n = (await repo.count(user.partnershipId)) + 1;
    await repo.insert({
      id,
      partnership_id: user.partnershipId,
      reference: `SAR-${input.receivedOn.slice(0, 4)}-${String(n).padStart(4, '0')}`,
      requester_name: input.requesterName,
      requester_contact: input.requesterContact,
      received_on: input.receivedOn,
      due_on: sarDueOn(input.receivedOn),
      law_enforcement: input.lawEnforcement ? 1 : 0,
      extended_to: null,
      extension_told_on: null,
      extension_reason: null,
      person_id: null,
      status: 'open',
      reviewed_at: null,
      reviewed_by: null,
      exported_at: null,
      exported_by: null,
      closed_on: null,
      created_by: user.id,
      created_at: this.deps.clock.iso(),
    });
    await this.record(user, 'privacy.sar-created', id, { lawEnforcement: input.lawEnforcement }, meta);
    return id;
  }

  async list(user: CurrentUser) {
    const today = this.today();
    return (await new SarRepository(this.deps.db).list(user.partnershipId)).map((r) => this.view(r, today));
  }

  private view(r: PrivacySarRequestsTable, today: IsoDate) {
    return {
      ...r,
      ...sarStatus(
        { dueOn: r.due_on, extendedTo: r.extended_to, answered: !!r.exported_at || r.status === 'closed' },
        today,
      ),
      canExtend:
        extensionRefusal(
          {
            receivedOn: r.received_on,
            dueOn: r.due_on,
            lawEnforcement: !!r.law_enforcement,
            extendedTo: r.extended_to,
          },
          today,
        ) === null,
    };
  }

  async get(user: CurrentUser, id: string) {
    const r = await new SarRepository(this.deps.db).find(user.partnershipId, id);
    if (!r) throw notFound('Subject access request');
    return this.view(r, this.today());
  }

  /** Extension by two months: refused for Part 3 data and once the first month has passed. */
  async extend(
    user: CurrentUser,
    id: string,
    toldOn: IsoDate,
    reason: string,
    meta: Meta = {},
  ): Promise<string | null> {
    const r = await this.get(user, id);
    const refusal = extensionRefusal(
      {
        receivedOn: r.received_on,
        dueOn: r.due_on,
        lawEnforcement: !!r.law_enforcement,
        extendedTo: r.extended_to,
      },
      toldOn,
    );
    if (refusal) return refusal;
    await new SarRepository(this.deps.db).update(id, {
      extended_to: sarExtendedDueOn(r.received_on),
      extension_told_on: toldOn,
      extension_reason: reason,
    });
    await this.record(user, 'privacy.sar-extended', id, { toldOn }, meta);
    return null;
  }

  /** Persons the linkage engine finds for what the DPO typed, each with every record, and the decisions so far. */
  async candidates(
    user: CurrentUser,
    id: string,
    typed: { givenName?: string; surname?: string; phone?: string; email?: string; postcode?: string },
    meta: Meta = {},
  ) {
    await this.get(user, id);
    const found = await this.people.findPeople(user.partnershipId, typed, 8, { includeRestricted: true });
    const decisions = new Map(
      (await new SarRepository(this.deps.db).decisions(id)).map((d) => [d.person_record_id, d.decision]),
    );
    const out = [];
    for (const f of found) {
      const records = await this.people.history(user.partnershipId, f.personId);
      out.push({ ...f, records: records.map((r) => ({ ...r, decision: decisions.get(r.id) ?? null })) });
    }
    await this.record(user, 'privacy.sar-searched', id, { candidates: out.length }, meta);
    return out;
  }

  /** The DPO's decision on each record shown: theirs or not. The person is the one holding the confirmed records. */
  async decide(
    user: CurrentUser,
    id: string,
    personId: string,
    decisions: { recordId: string; decision: 'theirs' | 'not-theirs' }[],
    meta: Meta = {},
  ): Promise<void> {
    const r = await this.get(user, id);
    if (r.person_id && r.person_id !== personId)
      throw badRequest('This request is already for another person: unconfirm their records first');
    const mine = new Set((await this.people.history(user.partnershipId, personId)).map((x) => x.id));
    if (decisions.some((d) => !mine.has(d.recordId)))
      throw badRequest('A record chosen is not this person’s');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new SarRepository(trx);
      await repo.decide(user.partnershipId, id, decisions, user.id, this.deps.clock.iso());
      const theirs = (await repo.decisions(id)).filter((d) => d.decision === 'theirs');
      await repo.update(id, {
        person_id: theirs.length ? personId : null,
        reviewed_at: null,
        reviewed_by: null,
      });
    });
    await this.record(
      user,
      'privacy.sar-records-confirmed',
      id,
      {
        theirs: decisions.filter((d) => d.decision === 'theirs').map((d) => d.recordId),
        notTheirs: decisions.filter((d) => d.decision === 'not-theirs').map((d) => d.recordId),
      },
      meta,
    );
  }

  /** What the export will hold, with the redactions marked (the proposal until the DPO saves a review). */
  async preview(
    user: CurrentUser,
    id: string,
    meta: Meta = {},
  ): Promise<{ request: ReturnType<SarService['view']>; data: ExportData | null }> {
    const request = await this.get(user, id);
    if (!request.person_id) return { request, data: null };
    const data = await gatherExport(this.deps, user.partnershipId, id, request.person_id);
    await this.record(user, 'privacy.sar-reviewed', id, { records: data.records.length }, meta);
    return { request, data };
  }

  /** Saves the redactions the DPO marked on screen (table|row|column keys of personal cells). */
  async saveRedactions(user: CurrentUser, id: string, keys: string[], meta: Meta = {}): Promise<number> {
    const request = await this.get(user, id);
    if (!request.person_id) throw badRequest('Confirm the person’s records first');
    const data = await gatherExport(this.deps, user.partnershipId, id, request.person_id);
    const allowed = new Set<string>();
    for (const r of data.records)
      for (const t of r.tables)
        for (const row of t.rows)
          for (const c of row.cells) if (c.personal) allowed.add(redactionKey(t.table, row.id, c.column));
    const marks = [...new Set(keys)]
      .filter((k) => allowed.has(k))
      .map((k) => {
        const [table, rowId, column] = k.split('|');
        return { table, rowId, column };
      });
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new SarRepository(trx);
      await repo.replaceRedactions(user.partnershipId, id, marks, user.id, this.deps.clock.iso());
      await repo.update(id, { reviewed_at: this.deps.clock.iso(), reviewed_by: user.id });
    });
    await this.record(user, 'privacy.sar-redactions-saved', id, { redactions: marks.length }, meta);
    return marks.length;
  }

  /** The ZIP: summary.html (readable), data.json (machine-readable) and the files. Needs a saved review. */
  async exportZip(user: CurrentUser, id: string, meta: Meta = {}): Promise<{ name: string; zip: Buffer }> {
    const request = await this.get(user, id);
    if (!request.person_id) throw badRequest('Confirm the person’s records before exporting');
    if (!request.reviewed_at) throw badRequest('Review the redactions before exporting');
    const data = await gatherExport(this.deps, user.partnershipId, id, request.person_id);
    const { json, files } = await exportFiles(data);
    views ??= createViewEnvironment();
    const html = views.render('privacy/export-summary.njk', {
      request,
      data,
      generatedAt: this.deps.clock.iso(),
      redactedText: '[redacted: third party]',
    });
    const zip = new JSZip();
    zip.file('summary.html', html);
    zip.file(
      'data.json',
      JSON.stringify(
        { request: { reference: request.reference, receivedOn: request.received_on }, ...(json as object) },
        null,
        2,
      ),
    );
    for (const f of files) zip.file(f.name, f.body);
    const body = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const now = this.deps.clock.iso();
    await new SarRepository(this.deps.db).update(id, {
      exported_at: now,
      exported_by: user.id,
      status: 'exported',
    });
    await this.record(
      user,
      'privacy.sar-exported',
      id,
      {
        records: data.records.map((r) => ({ type: r.recordType, id: r.recordId })),
        redactions: data.redactionCount,
        files: files.length,
      },
      meta,
    );
    return { name: `${request.reference}.zip`, zip: body };
  }

  async close(user: CurrentUser, id: string, meta: Meta = {}): Promise<void> {
    await this.get(user, id);
    await new SarRepository(this.deps.db).update(id, { status: 'closed', closed_on: this.today() });
    await this.record(user, 'privacy.sar-closed', id, {}, meta);
  }
}
