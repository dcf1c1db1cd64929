/**
 * The meetings JSON API for partner systems, with the same API keys as /api/v1/reports. Every
 * series' meeting dates and status are listed; agendas and actions only of public series (the
 * confidential ones hold personal data for their members alone, so a key is refused them).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { HttpError } from '../../platform/web/errors.js';
import { isIsoDate, addCalendarMonths } from '../../platform/dates/index.js';
import { ApiKeyService, apiRateLimit, presentedKey } from '../../reports/api/keys.js';
import { jsonRoute } from '../../reports/api/headers.js';
import { registerApiPaths } from '../../reports/api/openapi.js';
import type { MeetingServices } from '../services.js';
import type { SeriesView } from '../series-service.js';
import type { MeetingsTable } from '../tables.js';

const meetingOut = (m: MeetingsTable, s: SeriesView) => ({
  id: m.id,
  series: {
    id: s.id,
    code: s.code,
    name: s.name,
    type: s.type,
    confidentiality: s.confidentiality,
    ward: s.ward,
  },
  date: m.held_on,
  startTime: m.start_time,
  venue: m.venue,
  status: m.status,
  movedReason: m.moved_reason,
  cancelledReason: m.cancelled_reason,
  agendaStatus: m.agenda_status,
  minutesStatus: m.minutes_status,
});

export function registerMeetingsApi(app: FastifyInstance, deps: AppDeps, s: MeetingServices): void {
  const keys = new ApiKeyService(deps);
  const config = { access: 'apikey', csrf: false, rateLimit: apiRateLimit(keys) } as const;
  const authenticate = async (req: FastifyRequest) => {
    if (!presentedKey(req)) throw new HttpError(401, 'Send your API key in the X-API-Key header');
    const key = await keys.authenticateRequest(req);
    if (!key) throw new HttpError(403, 'The API key is not valid or has been revoked');
    return key;
  };
  /** A meeting of a public series, or a refusal saying why. */
  const publicMeeting = async (partnershipId: string, id: string) => {
    const m = await s.ctx.repo.meeting(partnershipId, id);
    if (!m) throw new HttpError(404, 'No meeting with this id');
    const series = await s.series.get(partnershipId, m.series_id);
    if (series.confidentiality !== 'public')
      throw new HttpError(
        403,
        'This meeting is confidential: its agenda and actions are for its members only',
      );
    return { m, series };
  };

  app.get('/api/v1/meetings', { ...jsonRoute, config }, async (req, reply) => {
    const key = await authenticate(req);
    const q = (req.query ?? {}) as Record<string, string>;
    const today = s.ctx.today();
    for (const f of ['from', 'to'] as const)
      if (q[f] !== undefined && !isIsoDate(q[f]))
        return reply
          .code(400)
          .send({ error: 'The query is not valid', fields: { [f]: 'Give the date as YYYY-MM-DD' } });
    await s.series.topUp(key.partnership_id);
    const series = new Map((await s.series.all(key.partnership_id)).map((x) => [x.id, x]));
    const rows = await s.ctx.repo.meetings(key.partnership_id, {
      from: q.from ?? today,
      to: q.to ?? addCalendarMonths(today, 3),
    });
    return { meetings: rows.map((m) => meetingOut(m, series.get(m.series_id)!)) };
  });

  app.get('/api/v1/meetings/:id', { ...jsonRoute, config }, async (req) => {
    const key = await authenticate(req);
    const { m, series } = await publicMeeting(key.partnership_id, (req.params as { id: string }).id);
    const items = await s.ctx.repo.items(m.id);
    return {
      ...meetingOut(m, series),
      agenda: items.map((i) => ({
        section: i.section,
        title: i.title,
        minutes: i.minutes_allowed,
        decision: i.decision,
      })),
    };
  });

  app.get('/api/v1/meetings/:id/actions', { ...jsonRoute, config }, async (req) => {
    const key = await authenticate(req);
    const { m } = await publicMeeting(key.partnership_id, (req.params as { id: string }).id);
    const actions = await s.ctx.repo.actions(key.partnership_id, { meetingIds: [m.id] });
    return {
      actions: actions.map((a) => ({
        id: a.id,
        text: a.text,
        ownerAgency: a.owner_agency,
        dueOn: a.due_on,
        rag: a.rag,
        status: a.status,
        outcome: a.outcome,
      })),
    };
  });
}

const keyed = [{ apiKey: [] }];
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const refused = (text: string) => ({ description: text });
registerApiPaths({
  '/api/v1/meetings': {
    get: {
      summary: 'Meetings',
      description:
        'Every series’ meetings between two dates (default: today to three months ahead): series, date, time, venue and status.',
      security: keyed,
      parameters: [
        { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
        { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
      ],
      responses: {
        '200': { description: 'The meetings' },
        '400': refused('A date is not YYYY-MM-DD'),
        '401': refused('No API key'),
        '403': refused('The key is not valid'),
      },
    },
  },
  '/api/v1/meetings/{id}': {
    get: {
      summary: 'A public meeting and its agenda',
      description:
        'The meeting and its agenda items (section, title, minutes allowed, decision). Confidential meetings are refused.',
      security: keyed,
      parameters: idParam,
      responses: {
        '200': { description: 'The meeting and its agenda' },
        '403': refused('The meeting is confidential'),
        '404': refused('No such meeting'),
      },
    },
  },
  '/api/v1/meetings/{id}/actions': {
    get: {
      summary: 'Actions raised at a public meeting',
      description:
        'Each action with its owning agency, due date, RAG, status and outcome. Confidential meetings are refused.',
      security: keyed,
      parameters: idParam,
      responses: {
        '200': { description: 'The actions' },
        '403': refused('The meeting is confidential'),
        '404': refused('No such meeting'),
      },
    },
  },
});
