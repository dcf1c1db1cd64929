/**
 * Demo street operations: people met by the outreach team at stations and landmarks over the last
 * three months (made through the contact journey, so the linkage engine links repeat contacts), hub
 * sessions, Luscombe tickets on the powers ladder, one modern slavery referral and monthly street counts.
 */
import type { DemoSeedContext } from '../platform/module.js';
import { UserRepository } from '../platform/auth/users.js';
import { addDays, todayInLondon } from '../platform/dates/calendar-date.js';
import { PLACES } from '../reports/geo/gazetteer.js';
import { OutreachService } from './contacts-service.js';
import { LuscombeService } from './luscombe-service.js';
import { SafeguardingService } from './safeguarding-service.js';
import { CountsService } from './counts-service.js';
import { PatrolsService } from './patrols-service.js';
import { CampaignsService } from './campaigns-service.js';

interface StreetPerson {
  givenName: string;
  surname: string | null;
  knownAs: string | null;
  appearance: string;
  seen: string[];
  needs: string[];
  offered: string[];
  accepted: string[];
  signposted: string[];
  contacts: number;
  indicators?: string[];
}

const PEOPLE: StreetPerson[] = [
  {
    givenName: 'Daniel',
    surname: 'Mills',
    knownAs: 'Danny',
    appearance: 'Tall, grey beard, green parka',
    seen: ['begging'],
    needs: ['accommodation', 'substance-use'],
    offered: ['hub-place', 'treatment-referral'],
    accepted: ['hub-place'],
    signposted: ['hub', 'substance-use'],
    contacts: 4,
  },
  {
    givenName: 'Kelly',
    surname: 'Price',
    knownAs: null,
    appearance: 'Short dark hair, red rucksack',
    seen: ['sleeping-rough'],
    needs: ['accommodation', 'mental-health'],
    offered: ['emergency-bed'],
    accepted: ['emergency-bed'],
    signposted: ['housing', 'health'],
    contacts: 3,
  },
  {
    givenName: 'Marek',
    surname: 'Nowak',
    knownAs: null,
    appearance: 'Slim, black cap, sleeping bag',
    seen: ['sleeping-rough', 'street-drinking'],
    needs: ['identity', 'money'],
    offered: ['benefits-help'],
    accepted: [],
    signposted: ['benefits'],
    contacts: 2,
  },
  {
    givenName: 'Ioana',
    surname: null,
    knownAs: null,
    appearance: 'Young woman, headscarf, dropped off by car each morning',
    seen: ['begging'],
    needs: ['food', 'immigration'],
    offered: ['food-clothing'],
    accepted: ['food-clothing'],
    signposted: ['hub'],
    contacts: 3,
    indicators: ['controlled', 'hands-over-money', 'fear-of-authorities'],
  },
  {
    givenName: 'Sean',
    surname: 'Brady',
    knownAs: 'Irish Sean',
    appearance: 'Red hair, walking stick',
    seen: ['begging', 'street-drinking'],
    needs: ['physical-health', 'substance-use'],
    offered: [],
    accepted: [],
    signposted: [],
    contacts: 2,
  },
];

export async function seedOperationsDemo(ctx: DemoSeedContext): Promise<void> {
  const { deps, rng } = ctx;
  const users = (ctx.shared.users ?? {}) as Record<string, string>;
  const userRepo = new UserRepository(deps.db, deps.clock);
  const worker = users['outreach@demo.asbhub.example']
    ? await userRepo.current(users['outreach@demo.asbhub.example'])
    : null;
  const officer = users['officer@demo.asbhub.example']
    ? await userRepo.current(users['officer@demo.asbhub.example'])
    : null;
  if (!worker || !officer) return;
  const outreach = new OutreachService(deps);
  const luscombe = new LuscombeService(deps);
  const today = todayInLondon(deps.clock.now());
  const places = PLACES.filter((p) => p.kind === 'station' || p.kind === 'landmark');
  const personIds: string[] = [];

  for (const p of PEOPLE) {
    let personId: string | null = null;
    for (let i = 0; i < p.contacts; i++) {
      const on = addDays(today, -rng.int(2, 90) + i * 3 - p.contacts * 3);
      const [y, m, d] = on.split('-');
      const id = await outreach.start(worker);
      await outreach.saveWhere(worker, id, {
        landmark: rng.pick(places).name,
        'occurredOn-day': d,
        'occurredOn-month': m,
        'occurredOn-year': y,
        occurredTime: `${String(rng.int(6, 9)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`,
      });
      await outreach.savePerson(worker, id, {
        givenName: p.givenName,
        surname: p.surname ?? '',
        knownAs: p.knownAs ?? '',
        appearance: p.appearance,
      });
      await outreach.saveMatch(worker, id, { match: personId ?? 'new' });
      await outreach.saveNeeds(worker, id, {
        seen: p.seen,
        needs: p.needs,
        supportOffered: i === 0 ? [] : p.offered,
        supportAccepted: i === 0 ? [] : p.accepted,
        signposted: p.signposted,
      });
      await outreach.saveWelfare(worker, id, {
        welfareConcern: p.indicators ? 'yes' : 'no',
        welfareNotes: p.indicators
          ? 'Seems frightened; says she must give the money to a man who collects her'
          : '',
        slaveryIndicators: p.indicators ?? [],
      });
      const r = await outreach.submit(worker, id);
      personId = r.personId ?? personId;
    }
    personIds.push(personId!);
  }

  // Danny: engaged, invited to the hub (green ticket), came to the hub; Sean: no support offered yet.
  const [danny, kelly, , ioana] = personIds;
  const past = (days: number) => addDays(today, -days);
  await luscombe.issueTicket(officer, danny, {
    kind: 'green',
    issuedOn: past(30),
    partners: 'Outreach team, drug and alcohol service',
    conditions: null,
    acknowledgeWarnings: true,
    overrideReason: null,
  });
  await luscombe.recordHub(worker, danny, {
    attendedOn: past(25),
    attended: 'yes',
    partners: 'Outreach team, GP',
    outcomes: ['health-appointment'],
    notes: null,
  });
  await luscombe.issueTicket(officer, danny, {
    kind: 'amber',
    issuedOn: past(5),
    partners: null,
    conditions: 'Not to beg at the station ticket barriers',
    acknowledgeWarnings: true,
    overrideReason: null,
  });
  await luscombe.recordHub(worker, kelly, {
    attendedOn: past(10),
    attended: 'yes',
    partners: 'Housing options',
    outcomes: ['accommodation-found'],
    notes: null,
  });
  await new SafeguardingService(deps).recordNrm(worker, ioana, {
    kind: 'nrm',
    referredOn: past(12),
    referredBy: 'Ola Outreach',
    firstResponder: 'Local authority safeguarding team',
    reasonableGrounds: 'positive',
    reasonableGroundsOn: past(7),
    conclusiveGrounds: 'awaited',
    conclusiveGroundsOn: undefined,
    notes: null,
  });

  // Weekly evening patrols around the busiest stations, and a night-time economy operation.
  const patrols = new PatrolsService(deps);
  for (let w = 12; w >= 1; w--)
    for (const place of ['Liverpool Street station', 'Fenchurch Street station'])
      await patrols.recordShift(officer, {
        patrolledBy: 'Commissioned patrol service',
        place,
        radius: 300,
        on: addDays(today, -7 * w),
        start: '19:00',
        end: '23:00',
        engagements: rng.int(3, 15),
        warnings: rng.int(0, 3),
        fixedPenalties: rng.int(0, 1),
        seizures: rng.int(0, 1),
        arrests: 0,
        notes: null,
      });
  await patrols.recordOperation(officer, {
    name: 'Operation Reframe',
    briefing: 'Night-time economy: vulnerability, street drinking and begging around the station after 22:00',
    agencies: 'Police, council community safety, outreach, licensing',
    officers: 'Priya Constable, Olu Officer, Ola Outreach',
    heldOn: past(35),
    place: 'Liverpool Street station',
    radius: 400,
    engagements: 41,
    warnings: 6,
    fixedPenalties: 2,
    seizures: 3,
    arrests: 1,
    outcomeNotes: 'Two people taken to the hub the next morning',
    reportRefs: [],
  });

  // A "give to the hub, not on the street" campaign with weekly reach figures.
  const campaigns = new CampaignsService(deps);
  const made = await campaigns.create(officer, {
    topic: 'Give to the hub, not on the street',
    channels: ['social-media', 'posters', 'digital-screens'],
    startsOn: past(42),
    endsOn: past(14),
  });
  if (made.id) {
    const rows = ['date,channel,reach,engagement'];
    for (let w = 6; w >= 2; w--)
      for (const ch of ['social-media', 'posters', 'digital-screens'])
        rows.push(`${past(7 * w)},${ch},${rng.int(500, 6000)},${rng.int(0, 300)}`);
    await campaigns.importCsv(officer, made.id, rows.join('\n'));
  }

  // Monthly street counts in four areas for the last six months.
  const counts = new CountsService(deps);
  for (let m = 6; m >= 1; m--) {
    const night = addDays(today, -30 * m + 1);
    for (const area of ['Aldgate', 'Bishopsgate', 'Farringdon', 'Castle Baynard'])
      await counts.record(worker, {
        night,
        area,
        total: rng.int(0, area === 'Bishopsgate' ? 9 : 4),
        notes: null,
      });
  }
}
