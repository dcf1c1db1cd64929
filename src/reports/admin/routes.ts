import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm } from '../../platform/web/forms.js';
import { ReportInputError } from '../service.js';
import { categoryEditSchema, ruleSchema, stateSchema, apiKeySchema } from '../schemas.js';
import { resolveRoutes } from '../routing/resolve.js';
import { ANY, HATE_CATEGORY } from '../defaults.js';
import type { ReportServices } from '../services.js';

const meta = (r: FastifyRequest) => ({ ip: r.ip, requestId: r.id });
const list = (v: unknown) => (v == null || v === '' ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** The service map (routing table, categories with targets, states) and partner API keys, for administrators. */
export function registerAdminRoutes(app: FastifyInstance, s: ReportServices): void {
  const { serviceMap: map, apiKeys: keys } = s;
  const settings = { access: 'settings.manage' } as const;

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: Record<string, string>; values?: Record<string, unknown>; status?: number } = {},
  ) => {
    const data = await map.load(req.user!);
    const q = req.query as Record<string, unknown>;
    const label = (code: string) =>
      code === ANY
        ? 'Any category'
        : code === HATE_CATEGORY
          ? 'Hate incident (flag on any report)'
          : (data.category.get(code)?.name ?? code);
    const placeLabel = (code: string) =>
      code === ANY ? 'Anywhere' : (data.contexts.find((c) => c.code === code)?.label ?? code);
    let trial = null;
    if (q.tryCategory) {
      const routes = resolveRoutes(data.rules, {
        categoryCode: String(q.tryCategory),
        placeContexts: list(q.tryContexts),
        hateIncident: q.tryHate === 'yes',
      });
      trial = routes.map((r) => ({
        team: data.team.get(r.teamId),
        delivery: r.deliveryMethod,
        because: r.because.join(', '),
      }));
    }
    return reply.code(extra.status ?? 200).render('reports/service-map.njk', {
      title: 'Service map',
      categories: data.categories,
      rules: data.ruleRows.map((r) => ({
        ...r,
        categoryLabel: label(r.category_code),
        placeLabel: placeLabel(r.place_context),
      })),
      states: data.states,
      contexts: data.contexts,
      teams: data.teams,
      categoryItems: [
        { value: ANY, text: 'Any category' },
        { value: HATE_CATEGORY, text: 'Hate incident (flag on any report)' },
        ...data.categories.map((c) => ({ value: c.code, text: c.name })),
      ],
      placeItems: [
        { value: ANY, text: 'Anywhere' },
        ...data.contexts.map((c) => ({ value: c.code, text: c.label })),
      ],
      teamItems: data.teams.map((t) => ({ value: t.id, text: `${t.code}: ${t.name}` })),
      trial,
      tryValues: { tryCategory: q.tryCategory, tryContexts: list(q.tryContexts), tryHate: q.tryHate },
      errors: extra.errors,
      values: extra.values ?? {},
    });
  };

  app.get('/admin/service-map', { config: settings }, (req, reply) => page(req, reply));

  app.post('/admin/service-map/rules', { config: settings }, async (req, reply) => {
    const form = parseForm(ruleSchema, req.body);
    if (!form.ok) return page(req, reply, { errors: form.errors, values: form.values, status: 400 });
    try {
      await map.addRule(req.user!, form.value!, meta(req));
    } catch (err) {
      if (err instanceof ReportInputError)
        return page(req, reply, { errors: err.fields, values: form.values, status: 400 });
      throw err;
    }
    await req.flash('success', 'Routing row added');
    return reply.redirect('/admin/service-map#routing');
  });

  app.post('/admin/service-map/rules/:id/remove', { config: settings }, async (req, reply) => {
    await map.removeRule(req.user!, (req.params as { id: string }).id, meta(req));
    await req.flash('success', 'Routing row removed');
    return reply.redirect('/admin/service-map#routing');
  });

  app.post('/admin/service-map/states', { config: settings }, async (req, reply) => {
    const form = parseForm(stateSchema, req.body);
    if (!form.ok) return page(req, reply, { errors: form.errors, values: form.values, status: 400 });
    try {
      await map.addState(req.user!, form.value!, meta(req));
    } catch (err) {
      if (err instanceof ReportInputError)
        return page(req, reply, { errors: err.fields, values: form.values, status: 400 });
      throw err;
    }
    await req.flash('success', 'State added');
    return reply.redirect('/admin/service-map#states');
  });

  const categoryPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    errors?: Record<string, string>,
    values?: Record<string, unknown>,
  ) => {
    const data = await map.load(req.user!);
    const category = data.category.get((req.params as { code: string }).code);
    if (!category) return reply.callNotFound();
    return reply.code(errors ? 400 : 200).render('reports/category-edit.njk', {
      title: `Change ${category.name}`,
      category,
      errors,
      values: values ?? {
        slaHours: String(category.sla_hours),
        publicDescription: category.public_description,
        active: category.active ? 'yes' : '',
      },
    });
  };
  app.get('/admin/service-map/categories/:code', { config: settings }, (req, reply) =>
    categoryPage(req, reply),
  );
  app.post('/admin/service-map/categories/:code', { config: settings }, async (req, reply) => {
    const form = parseForm(categoryEditSchema, req.body);
    if (!form.ok) return categoryPage(req, reply, form.errors, form.values);
    await map.editCategory(req.user!, (req.params as { code: string }).code, form.value!, meta(req));
    await req.flash('success', 'Category changed');
    return reply.redirect('/admin/service-map#categories');
  });

  // ---- partner systems' API keys
  const keysAccess = { access: 'api.keys' } as const;
  const keysPage = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) =>
    reply.code(extra.errors ? 400 : 200).render('reports/api-keys.njk', {
      title: 'API keys',
      keys: await keys.list(req.user!),
      values: { rateLimit: '600' },
      ...extra,
    });
  app.get('/admin/api-keys', { config: keysAccess }, (req, reply) => keysPage(req, reply));
  app.post('/admin/api-keys', { config: keysAccess }, async (req, reply) => {
    const form = parseForm(apiKeySchema, req.body);
    if (!form.ok) return keysPage(req, reply, { errors: form.errors, values: form.values });
    const made = await keys.create(req.user!, form.value!.name, form.value!.rateLimit, meta(req));
    return keysPage(req, reply, { newKey: made.key, newKeyName: form.value!.name });
  });
  app.post('/admin/api-keys/:id/revoke', { config: keysAccess }, async (req, reply) => {
    await keys.revoke(req.user!, (req.params as { id: string }).id, meta(req));
    await req.flash('success', 'API key revoked');
    return reply.redirect('/admin/api-keys');
  });
}
