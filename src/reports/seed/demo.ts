import { performance } from 'node:perf_hooks';
import type { DemoSeedContext, Rng } from '../../platform/module.js';
import { newId } from '../../platform/db/ids.js';
import { PeopleService, toE164, type PersonRole } from '../../people/service.js';
import { ReferenceService } from '../reference.js';
import { ReportRepository } from '../repository.js';
import { resolveRoutes } from '../routing/resolve.js';
import { dueAt, slaHoursFor } from '../sla.js';
import { cityBoundary } from '../geo/boundary.js';
import { PLACES, type Place } from '../geo/gazetteer.js';
import { newJobRow } from '../environment/jobs.js';
import type {
  EnvironmentalJobsTable,
  ReportsTable,
  ReportTeamRoutesTable,
  ReportUpdatesTable,
} from '../tables.js';
import { makePeople, render, type DemoPerson } from './people.js';
import { patternOf, sampleTime } from './timing.js';
import { describe } from './text.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const CATEGORY_WEIGHTS: Record<string, number> = {
  'noise-street': 10,
  'licensed-premises': 8,
  'noise-commercial': 6,
  'noise-construction': 7,
  'noise-residential': 6,
  'street-drinking': 6,
  'drug-use': 5,
  'public-urination': 8,
  'aggressive-begging': 6,
  'rough-sleeping': 6,
  harassment: 4,
  'vehicle-nuisance': 4,
  'cycling-walkways': 4,
  'walkway-bylaw': 2,
  graffiti: 7,
  'fly-posting': 4,
  'litter-fly-tipping': 7,
};
const NTE = new Set(['noise-street', 'licensed-premises', 'public-urination', 'vehicle-nuisance']);
const WALKWAY = new Set(['cycling-walkways', 'walkway-bylaw']);
const STATION_HEAVY = new Set(['aggressive-begging', 'rough-sleeping', 'street-drinking']);
const RESIDENTIAL = new Set(['noise-residential']);

function weighted<T>(rng: Rng, items: readonly T[], weight: (t: T) => number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let x = rng.next() * total;
  for (const t of items) {
    x -= weight(t);
    if (x <= 0) return t;
  }
  return items[items.length - 1];
}

function placeWeight(category: string) {
  return (p: Place) => {
    if (RESIDENTIAL.has(category))
      return p.kind === 'estate-block' || p.contexts.includes('housing-estate')
        ? 3
        : p.kind === 'street'
          ? p.weight * 0.3
          : 0.05;
    let w = p.weight;
    if (NTE.has(category) && p.nte) w *= 4;
    if (WALKWAY.has(category)) w *= p.kind === 'walkway' ? 12 : p.contexts.includes('walkway') ? 6 : 0.3;
    if (STATION_HEAVY.has(category) && p.kind === 'station') w *= 3;
    if (p.kind === 'estate-block') w *= 0.4;
    return w;
  };
}

/** A point near the place, kept inside the City boundary. */
function jitter(rng: Rng, p: Place): [number, number] {
  const boundary = cityBoundary();
  for (let i = 0; i < 12; i++) {
    const lat = p.lat + (rng.next() - 0.5) * 0.0012;
    const lng = p.lng + (rng.next() - 0.5) * 0.0018;
    if (boundary.contains(lat, lng)) return [Number(lat.toFixed(6)), Number(lng.toFixed(6))];
  }
  return [p.lat, p.lng];
}

const PERSON_ROLE: Record<string, PersonRole> = {
  victim: 'victim',
  witness: 'witness',
  business: 'complainant',
  'on-behalf': 'representative',
};

interface Spec {
  category: string;
  at: number;
  place: Place;
  channel: 'web' | 'phone' | 'staff' | 'open311';
  person: DemoPerson | null;
  hate: boolean;
}

/**
 * A believable City of London year of reports: about 3,000 across the categories, channels, teams
 * and states, with night-time-economy weekend peaks and people who report more than once, written
 * down differently each time. Everything is inserted in one transaction, in multi-row batches.
 */
export async function seedReportsDemo(
  ctx: DemoSeedContext,
  count = 3000,
): Promise<{ reports: number; ms: number }> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const { deps, rng, partnershipId } = ctx;
  const refService = new ReferenceService(deps);
  const ref = await refService.load(partnershipId);
  const endMs = deps.clock.now().getTime();
  const startMs = endMs - 365 * DAY;
  const people = makePeople(rng, 900, startMs, endMs);
  // Repeat reporters: a few people report often, most once or twice (Zipf-like weights).
  const cumulative: number[] = [];
  people.reduce((sum, _, i) => (cumulative[i] = sum + 1 / Math.pow(i + 1, 0.6)), 0);
  const pickPerson = () => {
    const x = rng.next() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return people[lo];
  };
  const categories = ref.categories.filter((c) => c.active && CATEGORY_WEIGHTS[c.code]);

  const specs: Spec[] = [];
  for (let i = 0; i < count; i++) {
    const cat = weighted(rng, categories, (c) => CATEGORY_WEIGHTS[c.code]);
    const environmental = !!cat.environmental;
    const channel = weighted(rng, ['web', 'phone', 'staff', 'open311'] as const, (ch) =>
      ch === 'web'
        ? 45
        : ch === 'phone'
          ? NTE.has(cat.code)
            ? 40
            : 28
          : ch === 'staff'
            ? 15
            : environmental
              ? 25
              : 4,
    );
    const anonymousChance =
      channel === 'web' ? 0.35 : channel === 'phone' ? 0.15 : channel === 'open311' ? 0 : 1;
    let person: DemoPerson | null = null;
    if (!rng.chance(anonymousChance)) person = pickPerson();
    const category =
      person && rng.chance(0.55) ? (categories.find((c) => c.code === person!.concern) ?? cat) : cat;
    const at = sampleTime(rng, patternOf(category.code), startMs, endMs).getTime();
    const place =
      person && rng.chance(0.6) && placeWeight(category.code)(person.home) > 0.2
        ? person.home
        : weighted(rng, PLACES, placeWeight(category.code));
    const hate =
      category.code === 'harassment'
        ? rng.chance(0.2)
        : category.code === 'graffiti'
          ? rng.chance(0.08)
          : rng.chance(0.015);
    specs.push({ category: category.code, at, place, channel, person, hate });
  }
  specs.sort((a, b) => a.at - b.at);

  // Team members to assign work to (demo accounts), by team.
  const users = await deps.db
    .selectFrom('users')
    .select(['id', 'team_id', 'role'])
    .where('partnership_id', '=', partnershipId)
    .execute();
  const membersOf = new Map<string, string[]>();
  for (const u of users)
    if (u.team_id && (u.role === 'officer' || u.role === 'team_manager'))
      membersOf.set(u.team_id, [...(membersOf.get(u.team_id) ?? []), u.id]);
  const callHandler = users.find((u) => u.role === 'call_handler')?.id ?? null;

  const openStates = ref.states.filter((s) => s.kind === 'open' && !s.initial);
  const closedWeights: Record<string, number> = {
    resolved: 65,
    'no-further-action': 20,
    referred: 8,
    duplicate: 7,
  };
  const closedStates = ref.states.filter((s) => s.kind === 'closed');

  const reports: ReportsTable[] = [];
  const routes: ReportTeamRoutesTable[] = [];
  const updates: ReportUpdatesTable[] = [];
  const jobs: EnvironmentalJobsTable[] = [];
  const counters = new Map<string, number>();
  const nextRef = (prefix: string, ms: number) => {
    const key = `${prefix}-${new Date(ms).getUTCFullYear()}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${key}-${String(n).padStart(6, '0')}`;
  };

  let seedNow = startMs;
  const seedClock = { now: () => new Date(seedNow), iso: () => new Date(seedNow).toISOString() };
  const people$ = new PeopleService({ ...deps, clock: seedClock });
  const repo = new ReportRepository(deps.db);
  const sharedReports: {
    id: string;
    reference: string;
    personId: string | null;
    category: string;
    place: string;
    createdAt: string;
    state: string;
  }[] = [];

  await deps.db.transaction().execute(async (trx) => {
    for (const s of specs) {
      const id = newId();
      const category = ref.category.get(s.category)!;
      const createdAt = new Date(s.at).toISOString();
      const [lat, lng] = jitter(rng, s.place);
      const contexts = new Set(s.place.contexts);
      if (s.category === 'licensed-premises' || (NTE.has(s.category) && s.place.nte && rng.chance(0.3)))
        contexts.add('licensed-premises');
      const resolved = resolveRoutes(ref.rules, {
        categoryCode: s.category,
        placeContexts: [...contexts],
        hateIncident: s.hate,
      });
      const sla = slaHoursFor(category.sla_hours, s.hate);
      const due = dueAt(createdAt, sla);
      const reporterKind =
        s.channel === 'staff'
          ? 'witness'
          : s.person?.business
            ? 'business'
            : s.person
              ? weighted(rng, ['victim', 'witness', 'on-behalf'], (k) =>
                  k === 'victim' ? 6 : k === 'witness' ? 3 : 1,
                )
              : 'witness';

      let personId: string | null = null;
      let given: ReturnType<typeof render> | null = null;
      if (s.person) {
        given = render(rng, s.person, s.at, s.channel);
        if (s.channel === 'open311' && !given.email)
          given.email = s.person.email ?? `${s.person.given.toLowerCase()}${rng.int(10, 99)}@example.com`;
        seedNow = s.at;
        personId = (
          await people$.addRecord(trx, {
            partnershipId,
            sourceType: s.channel === 'phone' ? 'call' : 'report',
            sourceId: id,
            role: PERSON_ROLE[reporterKind],
            teamId: resolved[0]?.teamId ?? null,
            ...given,
          })
        ).personId;
      }

      // Where the report has got to by now.
      const ageH = (endMs - s.at) / HOUR;
      const closeAfterH = rng.chance(0.78) ? sla * (0.05 + rng.next() * 0.9) : sla * (1 + rng.next() * 2.5);
      // A few old reports are still open (a real backlog), but teams close nearly everything within two months.
      const closed = ageH > closeAfterH && rng.chance(ageH > 24 * 60 ? 0.997 : ageH > 24 * 14 ? 0.97 : 0.8);
      const closedAtMs = closed ? s.at + closeAfterH * HOUR : null;
      const finalState = closed
        ? weighted(rng, closedStates, (st) => closedWeights[st.code] ?? 3)
        : ageH < 2
          ? ref.initialState
          : weighted(rng, openStates, (st) =>
              st.code === 'acknowledged' ? 4 : st.code === 'in-progress' ? 3 : 1,
            );
      const ref$ = nextRef('ASB', s.at);
      const name = given ? [given.givenName, given.surname].filter(Boolean).join(' ') || null : null;
      const createdBy =
        s.channel === 'phone'
          ? callHandler
          : s.channel === 'staff'
            ? (membersOf.get(resolved[0]?.teamId ?? '')?.[0] ?? null)
            : null;
      reports.push({
        id,
        partnership_id: partnershipId,
        reference: ref$,
        category_code: s.category,
        hate_incident: s.hate ? 1 : 0,
        description: describe(rng, s.category, s.place.name),
        location_text: s.place.name,
        postcode: null,
        lat,
        lng,
        location_precision: s.channel === 'web' || s.channel === 'open311' ? 'pin' : 'gazetteer',
        place_contexts: JSON.stringify([...contexts]),
        occurred_kind:
          s.category === 'noise-residential' && rng.chance(0.4)
            ? 'regular'
            : rng.chance(0.25)
              ? 'ongoing'
              : 'at',
        occurred_at: new Date(s.at - rng.int(0, 90) * 60_000).toISOString(),
        occurred_note: null,
        channel: s.channel,
        reporter_kind: reporterKind,
        anonymous: s.person ? 0 : 1,
        reporter_name: name,
        reporter_email: given?.email?.toLowerCase() ?? null,
        reporter_phone: given?.phone ?? null,
        reporter_phone_e164: toE164(given?.phone),
        contact_preference: given ? (given.email ? 'email' : given.phone ? 'phone' : 'none') : 'none',
        reporter_person_id: personId,
        state_code: finalState.code,
        state_kind: finalState.kind,
        due_at: due,
        created_at: createdAt,
        updated_at: new Date(closedAtMs ?? s.at).toISOString(),
        closed_at: closedAtMs ? new Date(closedAtMs).toISOString() : null,
        created_by_user_id: createdBy,
        api_key_id: null,
        external_id: s.channel === 'open311' ? `FMS-${rng.int(100000, 999999)}` : null,
        photo_count: 0,
        media_url: null,
      });
      sharedReports.push({
        id,
        reference: ref$,
        personId,
        category: s.category,
        place: s.place.name,
        createdAt,
        state: finalState.code,
      });

      for (const rt of resolved) {
        const members = membersOf.get(rt.teamId) ?? [];
        const assign = members.length && rng.chance(0.65) && ageH > 1;
        routes.push({
          id: newId(),
          partnership_id: partnershipId,
          report_id: id,
          team_id: rt.teamId,
          delivery_method: rt.deliveryMethod,
          delivery_email: rt.deliveryMethod === 'email' ? rt.deliveryEmail : null,
          outbox_id: null,
          assigned_user_id: assign ? rng.pick(members) : null,
          assigned_at: assign ? new Date(s.at + rng.int(1, 20) * HOUR).toISOString() : null,
          active: 1,
          routed_at: createdAt,
          routed_by_user_id: null,
          reason: rt.because.join(', '),
          ended_at: null,
          ended_reason: null,
        });
      }
      const update = (
        atMs: number,
        kind: string,
        state: string,
        text: string | null,
        pub: boolean,
        userId: string | null = null,
      ) =>
        updates.push({
          id: newId(),
          partnership_id: partnershipId,
          report_id: id,
          at: new Date(atMs).toISOString(),
          user_id: userId,
          author_label: userId ? null : 'Reporter',
          kind,
          state_code: state,
          public: pub ? 1 : 0,
          text,
          details: '{}',
        });
      update(s.at, 'created', ref.initialState.code, 'Report received', true, createdBy);
      const officer = membersOf.get(resolved[0]?.teamId ?? '')?.[0] ?? null;
      if (finalState.code !== ref.initialState.code) {
        const ackAt =
          s.at + Math.min(ageH, closed ? closeAfterH * 0.4 : Infinity, 0.5 + rng.next() * 6) * HOUR;
        update(
          ackAt,
          'state',
          'acknowledged',
          'We have looked at your report and passed it to an officer.',
          true,
          officer,
        );
        if (!closed && finalState.code !== 'acknowledged')
          update(ackAt + rng.int(1, 12) * HOUR, 'state', finalState.code, null, false, officer);
      }
      if (closedAtMs) {
        const text =
          finalState.code === 'resolved'
            ? 'The problem has been dealt with. Thank you for reporting it.'
            : finalState.code === 'duplicate'
              ? 'This was already reported.'
              : 'We have closed this report.';
        update(closedAtMs, 'state', finalState.code, text, true, officer);
      }
      if (category.environmental) {
        const job = newJobRow({
          partnershipId,
          reference: nextRef('ENV', s.at),
          reportId: id,
          categoryCode: s.category,
          teamId: resolved[0]?.teamId ?? null,
          raisedAt: createdAt,
          targetAt: due,
          locationText: s.place.name,
          lat,
          lng,
        });
        if (closedAtMs && finalState.code === 'resolved') {
          job.state = 'cleared';
          job.cleared_at = new Date(closedAtMs).toISOString();
          job.started_at = new Date(Math.max(s.at, closedAtMs - rng.int(1, 3) * HOUR)).toISOString();
        } else if (closedAtMs) {
          job.state = 'cancelled';
          job.cancelled_reason =
            finalState.code === 'duplicate' ? 'Already reported' : 'Nothing found on site';
        } else if (ageH > 6) {
          job.state = rng.chance(0.5) ? 'scheduled' : 'in-progress';
          job.scheduled_for = new Date(s.at + rng.int(6, 48) * HOUR).toISOString();
          if (job.state === 'in-progress')
            job.started_at = new Date(s.at + rng.int(2, 6) * HOUR).toISOString();
        }
        job.assigned_user_id = officer;
        job.updated_at = new Date(closedAtMs ?? s.at).toISOString();
        jobs.push(job);
      }
    }
    await repo.insertMany(trx, 'reports', reports);
    await repo.insertMany(trx, 'report_team_routes', routes);
    await repo.insertMany(trx, 'report_updates', updates);
    await repo.insertMany(trx, 'environmental_jobs', jobs);
    for (const [name, value] of counters) {
      await trx
        .insertInto('sequences')
        .values({ partnership_id: partnershipId, name, value })
        .onConflict((oc) => oc.columns(['partnership_id', 'name']).doUpdateSet({ value }))
        .execute();
    }
  });
  ctx.shared.reports = sharedReports;
  const ms = Math.round(performance.now() - started);
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  deps.log.info(
    { reports: reports.length, routes: routes.length, updates: updates.length, jobs: jobs.length, ms, cpuMs },
    'demo reports seeded',
  );
  return { reports: reports.length, ms };
}
