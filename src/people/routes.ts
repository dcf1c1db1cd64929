import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import { ReviewService } from './review-service.js';

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
