import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { squareGrid } from '../hotspots/grid.js';
import { evaluatePredictions, monthRange } from '../predict/evaluate.js';
import {
  DEFAULT_METHOD,
  PREDICTION_METHOD_NAMES,
  type PredictionMethodName,
} from '../predict/method-names.js';
import { filterContext, filterView, READ } from './context.js';
import type { AnalyticsServices } from '../services.js';

const num = (min: number, max: number, message: string) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : Number(v)),
    z.number({ message }).min(min, message).max(max, message).optional(),
  );

const schema = z.object({
  cell: num(25, 1000, 'Enter a cell size from 25 to 1,000 metres'),
  coverage: num(1, 50, 'Enter a share of cells from 1 to 50 per cent'),
  train: num(1, 24, 'Enter from 1 to 24 training months'),
  method: z.enum(PREDICTION_METHOD_NAMES, { message: 'Select a method' }).optional(),
});

export const METHOD_TEXT: Record<PredictionMethodName, string> = {
  'shrunk-counts':
    'Shrunk counts (the default): each cell’s records in the training months, pulled toward where records of all categories fell in the same months, more for cells with few records (empirical Bayes). It uses the training months only.',
  'prior-counts': 'Prior counts: the cells with most records in the training months only.',
  blended:
    'Blended: each cell scores its records in the training months, plus the months before them with less weight (0.7, halving every 12 months further back), plus a small share of where all categories happen. It uses months before the training window, but never the month being scored or any later month.',
  kde: 'Kernel density: the training months smoothed with a 150 m quartic kernel.',
  gistar: 'Gi*: the Gi* z-scores of the training months (150 m neighbourhood).',
};

export function registerPredictionRoutes(app: FastifyInstance, s: AnalyticsServices): void {
  app.get('/analysis/prediction', { config: READ }, async (req, reply) => {
    const f = await filterContext(s.analytics, req, { monthsBack: 120 });
    const raw = (req.query ?? {}) as Record<string, string>;
    const parsed = schema.safeParse({
      cell: raw.cell || undefined,
      coverage: raw.coverage || undefined,
      train: raw.train || undefined,
      method: raw.method || undefined,
    });
    if (!parsed.success)
      for (const issue of parsed.error.issues) f.errors[String(issue.path[0])] ??= issue.message;
    const o = parsed.success ? parsed.data : {};
    const options = {
      cell: o.cell ?? 100,
      coverage: o.coverage ?? 5,
      train: o.train ?? 3,
      method: o.method ?? DEFAULT_METHOD,
    };
    let result = null;
    if (f.query && parsed.success) {
      const q = f.query;
      const all = await f.service.records(req.user!.partnershipId, {
        source: q.source.code,
        monthFrom: q.from,
        monthTo: q.to,
      });
      const points = all
        .filter((r) => !q.category || r.category === q.category)
        .map((r) => ({ month: r.month, x: r.x, y: r.y }));
      const months = monthRange([q.from, q.to]);
      if (months.length > options.train) {
        result = evaluatePredictions(points, {
          grid: squareGrid({ size: options.cell, boundary: f.areas.boundary }),
          coverage: options.coverage / 100,
          train: options.train,
          method: options.method,
          months,
          context: all.map((r) => ({ month: r.month, x: r.x, y: r.y })),
        });
      } else
        f.errors.train = `The period has ${months.length} month${months.length === 1 ? '' : 's'}: choose fewer training months or a longer period`;
    }
    reply.code(Object.keys(f.errors).length ? 400 : 200);
    return reply.render('analytics/prediction.njk', {
      title: 'Prediction',
      tab: 'prediction',
      filters: filterView(f, '/analysis/prediction'),
      values: {
        ...f.values,
        cell: String(options.cell),
        coverage: String(options.coverage),
        train: String(options.train),
        method: options.method,
      },
      errors: f.errors,
      query: f.query,
      result,
      methodItems: PREDICTION_METHOD_NAMES.map((m) => ({ value: m, text: METHOD_TEXT[m] })),
      methodText: METHOD_TEXT[options.method],
    });
  });
}
