/** Documents attached to a case: upload (multipart), list, download and removal. */
import type { FastifyInstance } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { parseForm } from '../../platform/web/forms.js';
import type { CaseServices } from '../services.js';
import { documentSchema } from '../schemas.js';
import { DOCUMENT_CATEGORIES, itemsOf } from '../labels.js';
import { ACCEPTED_LABELS } from '../document-types.js';
import { actorOf, done, MANAGE, params, READ } from './helpers.js';
import { page } from './render.js';

export function registerDocumentRoutes(app: FastifyInstance, s: CaseServices): void {
  const documentsPage = async (
    req: any,
    reply: any,
    values: Record<string, unknown> = {},
    errors?: Record<string, string>,
    status = 400,
  ) => {
    const v = await s.documents.list(actorOf(req), params(req).id);
    return page(errors ? reply.code(status) : reply, 'documents', {
      title: `Documents – ${v.c.reference}`,
      ...v,
      values,
      errors,
      categoryItems: itemsOf(DOCUMENT_CATEGORIES),
      accepted: ACCEPTED_LABELS,
    });
  };

  app.get('/cases/:id/documents', { config: READ }, (req, reply) => documentsPage(req, reply));

  app.post('/cases/:id/documents', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    if (!req.isMultipart()) return documentsPage(req, reply, {}, { file: 'Select a file to attach' });
    const fields: Record<string, string> = {};
    let file: { filename: string; contents: Buffer; truncated: boolean } | null = null;
    let tooLarge = false;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const f = part as MultipartFile;
          if (file || !f.filename) {
            f.file.resume();
            continue;
          }
          const contents = await f.toBuffer();
          file = { filename: f.filename, contents, truncated: f.file.truncated };
        } else fields[part.fieldname] = String(part.value ?? '');
      }
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') tooLarge = true;
      else throw err;
    }
    if (tooLarge)
      return documentsPage(req, reply, fields, { file: 'The file must be smaller than 10 MB' }, 413);
    const form = parseForm(documentSchema, fields);
    if (!form.ok) return documentsPage(req, reply, fields, form.errors);
    const result = await s.documents.upload(actorOf(req), id, file, form.value!);
    if (!result.ok) return documentsPage(req, reply, fields, result.errors);
    return done(req, reply, `/cases/${id}/documents`, `${result.value.filename} attached`);
  });

  app.get('/cases/:id/documents/:documentId', { config: READ }, async (req, reply) => {
    const { id, documentId } = params(req);
    const { doc, stream } = await s.documents.download(actorOf(req), id, documentId);
    return reply
      .header('content-type', doc.mime)
      .header('content-length', String(doc.size))
      .header(
        'content-disposition',
        `attachment; filename="${doc.filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
      )
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(stream);
  });

  app.post('/cases/:id/documents/:documentId/remove', { config: MANAGE }, async (req, reply) => {
    const { id, documentId } = params(req);
    const result = await s.documents.remove(
      actorOf(req),
      id,
      documentId,
      String((req.body as any)?.reason ?? ''),
    );
    if (!result.ok) return documentsPage(req, reply, {}, result.errors);
    return done(req, reply, `/cases/${id}/documents`, 'Document removed');
  });
}
