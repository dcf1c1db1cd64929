import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { notFound } from '../../platform/web/errors.js';
import { can } from '../../platform/permissions/roles.js';
import { PoliceUkImporter } from '../import/police-uk-import.js';
import type { ImportOutcome } from '../import/summary.js';
import { AnalyticsRepository } from '../repository.js';
import { BoundaryError } from '../geo/boundary.js';
import { IMPORT, meta, READ } from './context.js';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, readUploads, uploadDone as done } from './uploads.js';
import type { AnalyticsServices } from '../services.js';

const actorOf = (req: FastifyRequest) => ({ userId: req.user!.id, userLabel: req.user!.email, ...meta(req) });

export function registerImportRoutes(app: FastifyInstance, deps: AppDeps, s: AnalyticsServices): void {
  const repo = new AnalyticsRepository(deps.db);

  const importsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) => {
    const imports = await repo.listImports(req.user!.partnershipId, 100);
    return reply.render('analytics/imports.njk', {
      title: 'Imports',
      tab: 'imports',
      imports: imports.map((i) => ({ ...i, fileList: JSON.parse(i.files) as string[] })),
      canImport: can(req.user!.role, 'analytics.import'),
      maxFiles: MAX_UPLOAD_FILES,
      maxMb: MAX_UPLOAD_BYTES / 1024 / 1024,
      values: {},
      ...extra,
    });
  };

  app.get('/analysis/imports', { config: READ }, (req, reply) => importsPage(req, reply));

  app.post('/analysis/imports/police-uk', { config: IMPORT }, async (req, reply) => {
    const { files, fields, tooLarge } = await readUploads(req);
    const values = { skipRejected: fields.skipRejected === 'yes' ? ['yes'] : [] };
    if (tooLarge) {
      reply.code(413);
      return importsPage(req, reply, {
        errors: {
          files: `Each file must be smaller than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, and at most ${MAX_UPLOAD_FILES} files at once`,
        },
        values,
      });
    }
    if (files.length === 0) {
      reply.code(400);
      return importsPage(req, reply, {
        errors: { files: 'Select one or more police.uk street-level CSV files' },
        values,
      });
    }
    const outcome: ImportOutcome = await new PoliceUkImporter(deps).import(
      req.user!.partnershipId,
      files.map((f) => ({ name: f.name, source: f.contents, size: f.contents.length })),
      actorOf(req),
      { skipRejected: fields.skipRejected === 'yes' },
    );
    if (outcome.status === 'refused') {
      reply.code(400);
      return importsPage(req, reply, { errors: { files: outcome.message }, refused: outcome, values });
    }
    await req.flash(
      'success',
      `Imported ${outcome.summary.added} new records (${outcome.summary.alreadyHeld} were already held)`,
    );
    return done(req, reply, `/analysis/imports/${outcome.importId}`);
  });

  app.post('/analysis/imports/areas', { config: IMPORT }, async (req, reply) => {
    const { files, tooLarge } = await readUploads(req);
    const refuse = (code: number, message: string) => {
      reply.code(code);
      return importsPage(req, reply, { errors: { areasFile: message } });
    };
    if (tooLarge) return refuse(413, `The file must be smaller than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
    if (files.length !== 1) return refuse(400, 'Select one GeoJSON file of the partnership’s areas');
    let geojson: unknown;
    try {
      geojson = JSON.parse(files[0].contents.toString('utf8').replace(/^\uFEFF/, ''));
    } catch {
      return refuse(
        400,
        `${files[0].name} is not JSON: the file must be a GeoJSON FeatureCollection of the areas`,
      );
    }
    try {
      const areas = await s.analytics.replaceAreas(req.user!.partnershipId, geojson, actorOf(req));
      await req.flash(
        'success',
        `Loaded ${areas.areas.length} areas (${(areas.boundary.areaM2 / 1e6).toFixed(2)} km² in all). Records imported earlier keep the areas they were given when imported.`,
      );
    } catch (err) {
      if (err instanceof BoundaryError) return refuse(400, `${files[0].name}: ${err.message}`);
      throw err;
    }
    return done(req, reply, '/analysis');
  });

  app.get('/analysis/imports/:id', { config: READ }, async (req, reply) => {
    const row = await repo.getImport(req.user!.partnershipId, (req.params as { id: string }).id);
    if (!row) throw notFound('Import');
    const details = JSON.parse(row.details) as {
      months?: string[];
      files?: unknown[];
      rejections?: unknown[];
    };
    return reply.render('analytics/import.njk', {
      title: 'Import summary',
      tab: 'imports',
      imp: row,
      details,
      fileList: JSON.parse(row.files),
    });
  });
}
