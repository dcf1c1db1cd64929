import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { newId } from '../../platform/db/ids.js';
import {
  fieldsFor,
  guessMapping,
  mappingProblems,
  PARTNER_KINDS,
  type PartnerField,
  type PartnerKind,
  type PartnerMapping,
} from '../import/partner-fields.js';
import { PartnerImporter, previewCsv } from '../import/partner-import.js';
import { AnalyticsRepository } from '../repository.js';
import { IMPORT, meta } from './context.js';
import { MAX_UPLOAD_BYTES, readUploads, uploadDone } from './uploads.js';

/** A partner file waiting for its columns to be matched (kept in the session between the two steps). */
interface Pending {
  id: string;
  fileName: string;
  code: string | null;
  name: string;
  kind: PartnerKind;
}

const isKind = (k: string): k is PartnerKind => k in PARTNER_KINDS;

export function registerPartnerImportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const repo = new AnalyticsRepository(deps.db);
  const pendingDir = path.join(deps.config.uploadDir, 'analytics-pending');
  const pendingFile = (id: string) => path.join(pendingDir, `${id.replace(/[^a-z0-9-]/gi, '')}.csv`);

  const uploadPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors: Record<string, string> = {},
  ) => {
    const sources = await repo.sources(req.user!.partnershipId);
    if (Object.keys(errors).length) reply.code(400);
    return reply.render('analytics/partner-upload.njk', {
      title: 'Import partner data',
      tab: 'imports',
      sources: sources.map((s) => ({
        code: s.code,
        name: s.name,
        kind: PARTNER_KINDS[s.kind as PartnerKind] ?? s.kind,
      })),
      kindItems: Object.entries(PARTNER_KINDS).map(([value, text]) => ({ value, text })),
      values,
      errors,
    });
  };

  app.get('/analysis/imports/partner', { config: IMPORT }, (req, reply) => uploadPage(req, reply));

  app.post('/analysis/imports/partner', { config: IMPORT }, async (req, reply) => {
    const { files, fields, tooLarge } = await readUploads(req);
    const errors: Record<string, string> = {};
    const existing =
      fields.source && fields.source !== 'new'
        ? await repo.source(req.user!.partnershipId, fields.source)
        : undefined;
    if (!fields.source) errors.source = 'Select a source, or a new source';
    else if (fields.source !== 'new' && !existing) errors.source = 'Select a source from the list';
    if (fields.source === 'new') {
      if (!fields.name?.trim()) errors.name = 'Enter a name for the new source, for example Noise complaints';
      else if (fields.name.trim().length > 80) errors.name = 'The name must be 80 characters or fewer';
      if (!isKind(fields.kind ?? '')) errors.kind = 'Select what the file holds';
    }
    if (tooLarge) errors.file = `The file must be smaller than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`;
    else if (files.length === 0) errors.file = 'Select a CSV file';
    else if (files.length > 1) errors.file = 'Select one file at a time';
    if (Object.keys(errors).length) return uploadPage(req, reply, fields, errors);
    const preview = await previewCsv(files[0].contents, 1);
    if (preview.header.length < 2)
      return uploadPage(req, reply, fields, {
        file: `${files[0].name} has no header row of column names: the first line must name the columns`,
      });
    const pending: Pending = {
      id: newId(),
      fileName: files[0].name,
      code: existing?.code ?? null,
      name: existing?.name ?? fields.name.trim(),
      kind: (existing?.kind as PartnerKind) ?? (fields.kind as PartnerKind),
    };
    await fs.promises.mkdir(pendingDir, { recursive: true });
    await fs.promises.writeFile(pendingFile(pending.id), files[0].contents);
    const s = await req.ensureSession();
    s.data.analyticsPending = pending;
    await req.saveSession();
    return uploadDone(req, reply, '/analysis/imports/partner/columns');
  });

  const pendingOf = (req: FastifyRequest): Pending | null => {
    const p = req.session?.data.analyticsPending as Pending | undefined;
    return p && fs.existsSync(pendingFile(p.id)) ? p : null;
  };

  const columnsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    pending: Pending,
    mapping: PartnerMapping | null,
    extra: Record<string, unknown> = {},
  ) => {
    const contents = await fs.promises.readFile(pendingFile(pending.id));
    const preview = await previewCsv(contents, 5);
    const saved = pending.code ? await repo.source(req.user!.partnershipId, pending.code) : undefined;
    const chosen: PartnerMapping =
      mapping ??
      (saved ? (JSON.parse(saved.mapping) as PartnerMapping) : guessMapping(pending.kind, preview.header));
    const columnItems = [
      { value: '', text: 'Not in this file' },
      ...preview.header.map((h) => ({ value: h, text: h })),
    ];
    return reply.render('analytics/partner-columns.njk', {
      title: 'Match the columns',
      tab: 'imports',
      pending,
      kindLabel: PARTNER_KINDS[pending.kind],
      fromSaved: !mapping && !!saved,
      preview,
      fields: fieldsFor(pending.kind),
      columnItems,
      values: { ...chosen.columns, dayFirst: chosen.dayFirst ? 'yes' : 'no' },
      ...extra,
    });
  };

  app.get('/analysis/imports/partner/columns', { config: IMPORT }, async (req, reply) => {
    const pending = pendingOf(req);
    if (!pending) return reply.redirect('/analysis/imports/partner');
    return columnsPage(req, reply, pending, null);
  });

  app.post('/analysis/imports/partner/columns', { config: IMPORT }, async (req, reply) => {
    const pending = pendingOf(req);
    if (!pending) return reply.redirect('/analysis/imports/partner');
    const body = (req.body ?? {}) as Record<string, string>;
    const columns: Partial<Record<PartnerField, string>> = {};
    for (const spec of fieldsFor(pending.kind))
      if (body[spec.field]) columns[spec.field] = String(body[spec.field]);
    const mapping: PartnerMapping = { columns, dayFirst: body.dayFirst !== 'no' };
    const contents = await fs.promises.readFile(pendingFile(pending.id));
    const { header } = await previewCsv(contents, 0);
    const problems = mappingProblems(pending.kind, mapping, header);
    if (Object.keys(problems).length) {
      reply.code(400);
      return columnsPage(req, reply, pending, mapping, { errors: problems });
    }
    const outcome = await new PartnerImporter(deps).import(
      req.user!.partnershipId,
      { code: pending.code, name: pending.name, kind: pending.kind },
      { name: pending.fileName, source: contents },
      mapping,
      { userId: req.user!.id, userLabel: req.user!.email, ...meta(req) },
      { skipRejected: body.skipRejected === 'yes' },
    );
    if (outcome.status === 'refused') {
      reply.code(400);
      return columnsPage(req, reply, pending, mapping, {
        errors: { form: outcome.message },
        refused: outcome,
        skipRejected: body.skipRejected === 'yes',
      });
    }
    await fs.promises.rm(pendingFile(pending.id), { force: true });
    delete req.session!.data.analyticsPending;
    await req.saveSession();
    await req.flash(
      'success',
      `Imported ${outcome.summary.added} new ${pending.kind === 'events' ? 'records' : 'assets'} (${outcome.summary.alreadyHeld} already held)`,
    );
    return reply.redirect(`/analysis/imports/${outcome.importId}`);
  });
}
