import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import { ReviewService } from './review-service.js';
import { PeopleService } from './service.js';
import { FLAG_LABELS, REPEAT_DEFAULTS } from './repeats.js';

const FIELDS: [string, string][] = [
  ['given_name', 'Given name'],
  ['surname', 'Surname'],
  ['dob', 'Date of birth'],
  ['phone', 'Phone'],
  ['email', 'Email'],
  ['address', 'Address'],
  ['postcode', 'Postcode'],
  ['role', 'Role'],
  ['source_type', 'Source'],
  ['created_at', 'Recorded'],
];

export function registerPeopleRoutes(app: FastifyInstance, deps: AppDeps): void {
  const review = new ReviewService(deps);
  const meta = (r: { ip: string; id: string }) => ({ ip: r.ip, requestId: r.id });

  const people = new PeopleService(deps);

  app.get('/people/repeats', { config: { access: 'people.read' } }, async (req, reply) => {
    const rows = await people.repeats(req.user!.partnershipId);
    return reply.render('people/repeats.njk', { title: 'Repeats', rows, labels: FLAG_LABELS, settings: REPEAT_DEFAULTS });
  });

  app.get('/people/:id', { config: { access: 'people.read' } }, async (req, reply) => {
    const view = await people.viewPerson(req.user!, (req.params as { id: string }).id, meta(req));
    return reply.render('people/person.njk', { title: view.person.display_name, ...view, labels: FLAG_LABELS, settings: REPEAT_DEFAULTS });
  });

  app.get('/people/review', { config: { access: 'people.review' } }, async (req, reply) => {
    const items = await review.queue(req.user!, meta(req));
    return reply.render('people/review.njk', { title: 'Possible matches', items, fields: FIELDS });
  });

  app.post('/people/review/:id', { config: { access: 'people.review' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const decision = body.decision === 'confirm' ? 'confirmed' : body.decision === 'reject' ? 'rejected' : null;
    if (!decision) {
      await req.flash('success', 'Choose confirm or reject');
      return reply.redirect('/people/review');
    }
    await review.decide(req.user!, (req.params as { id: string }).id, decision, meta(req));
    await req.flash('success', decision === 'confirmed' ? 'Match confirmed: the records are now one person' : 'Match rejected: the records stay apart');
    return reply.redirect('/people/review');
  });
}
