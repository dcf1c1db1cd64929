/**
 * Documents attached to a case: type and size checked, stored outside the web root under the
 * upload folder with a random name, served only to users who may see the case's sensitive
 * details, every download audited. Removal deletes the file and keeps the record (a redaction).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { newId } from '../platform/db/ids.js';
import { forbidden, notFound } from '../platform/web/errors.js';
import type { Actor } from './context.js';
import type { CaseService, Result } from './service.js';
import type { DocumentCategory } from './labels.js';
import { ACCEPTED_LABELS, MAX_DOCUMENT_BYTES, detectDocumentType, safeFilename } from './document-types.js';

export class DocumentsService {
  constructor(private readonly cases: CaseService) {}

  private folder(partnershipId: string, caseId: string): string {
    return path.join(this.cases.ctx.deps.config.uploadDir, 'cases', partnershipId, caseId);
  }

  async upload(
    actor: Actor,
    caseId: string,
    file: { filename: string; contents: Buffer; truncated: boolean } | null,
    fields: { category: DocumentCategory; description: string | null },
  ): Promise<Result<{ id: string; filename: string }>> {
    const { c } = await this.cases.guard.open(actor, caseId, 'manage');
    if (!file || !file.filename || file.contents.length === 0)
      return { ok: false, errors: { file: 'Select a file to attach' } };
    if (file.truncated || file.contents.length > MAX_DOCUMENT_BYTES)
      return { ok: false, errors: { file: 'The file must be smaller than 10 MB' } };
    const filename = safeFilename(file.filename);
    const type = detectDocumentType(filename, file.contents);
    if (!type) return { ok: false, errors: { file: `The file must be a ${ACCEPTED_LABELS}` } };
    const id = newId();
    const dir = this.folder(c.partnership_id, caseId);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stored = path.join(dir, id);
    fs.writeFileSync(stored, file.contents, { mode: 0o600, flag: 'wx' });
    try {
      await this.cases.ctx.transaction(async (trx) => {
        await this.cases.repo.insertDocument(trx, {
          id,
          partnership_id: c.partnership_id,
          case_id: caseId,
          filename,
          stored_name: id,
          mime: type.mime,
          size: file.contents.length,
          sha256: createHash('sha256').update(file.contents).digest('hex'),
          category: fields.category,
          description: fields.description,
          uploaded_at: this.cases.ctx.deps.clock.iso(),
          uploaded_by: actor.user.id,
          deleted_at: null,
          deleted_by: null,
        });
        await this.cases.touch(trx, caseId);
        await this.cases.event(trx, actor, caseId, {
          kind: 'document',
          action: 'document-added',
          on: this.cases.ctx.today(),
          summary: `Document attached: ${filename}`,
          details: { documentId: id },
        });
        await this.cases.ctx.record(
          actor,
          'case.document-uploaded',
          { type: 'case', id: caseId },
          { documentId: id, filename, size: file.contents.length, mime: type.mime },
          trx,
        );
      });
    } catch (err) {
      fs.rmSync(stored, { force: true });
      throw err;
    }
    return { ok: true, value: { id, filename } };
  }

  async list(actor: Actor, caseId: string) {
    const { c, access } = await this.cases.guard.open(actor, caseId, 'read');
    await this.cases.ctx.record(
      actor,
      'case.viewed',
      { type: 'case', id: caseId },
      { page: 'documents', mode: access.mode },
    );
    return { c, access, documents: access.sensitive ? await this.cases.repo.documents(caseId) : [] };
  }

  /** The file to send; refused (and audited) for users who may not see the case's sensitive details. */
  async download(actor: Actor, caseId: string, documentId: string) {
    const { access } = await this.cases.guard.open(actor, caseId, 'read');
    const doc = await this.cases.repo.document(documentId);
    if (!doc || doc.case_id !== caseId || doc.deleted_at) throw notFound('Document');
    if (!access.sensitive) {
      await this.cases.ctx.record(
        actor,
        'case.access-denied',
        { type: 'case', id: caseId },
        { documentId },
        undefined,
        'documents are withheld from this share',
      );
      throw forbidden();
    }
    const file = path.join(this.folder(doc.partnership_id, caseId), doc.stored_name);
    if (!fs.existsSync(file)) throw notFound('Document');
    await this.cases.ctx.record(
      actor,
      'case.document-downloaded',
      { type: 'case', id: caseId },
      { documentId, filename: doc.filename, mode: access.mode },
    );
    return { doc, stream: fs.createReadStream(file) };
  }

  async remove(actor: Actor, caseId: string, documentId: string, reason: string): Promise<Result<null>> {
    await this.cases.guard.open(actor, caseId, 'manage');
    const doc = await this.cases.repo.document(documentId);
    if (!doc || doc.case_id !== caseId || doc.deleted_at) throw notFound('Document');
    if (!reason.trim())
      return { ok: false, errors: { [`reason-${documentId}`]: 'Say why the document is being removed' } };
    await this.cases.ctx.transaction(async (trx) => {
      await this.cases.repo.markDocumentDeleted(
        trx,
        documentId,
        this.cases.ctx.deps.clock.iso(),
        actor.user.id,
      );
      await this.cases.event(trx, actor, caseId, {
        kind: 'document',
        action: 'document-removed',
        on: this.cases.ctx.today(),
        summary: `Document removed: ${doc.filename} (${reason.trim()})`,
        details: { documentId },
      });
      await this.cases.ctx.record(
        actor,
        'case.document-removed',
        { type: 'case', id: caseId },
        { documentId, filename: doc.filename, sha256: doc.sha256 },
        trx,
        reason.trim(),
      );
    });
    fs.rmSync(path.join(this.folder(doc.partnership_id, caseId), doc.stored_name), { force: true });
    return { ok: true, value: null };
  }
}
