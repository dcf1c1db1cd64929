/**
 * Demo ASB Case Reviews: a dozen applications over the past year at every stage, made through the
 * services (so events, letters, assessments and audit entries are real). Where the reports demo has
 * people with several reports, some applicants are those people, so the threshold page shows their
 * reports found through repeat identification; complaints held by housing providers top up the rest.
 */
import type { DemoSeedContext, AppDeps } from '../platform/module.js';
import { UserRepository } from '../platform/auth/users.js';
import { addDays, londonDateOf, todayInLondon, type IsoDate } from '../platform/dates/calendar-date.js';
import { addWorkingDays } from '../platform/dates/working-days.js';
import { PeopleService } from '../people/service.js';
import { CaseReviewService } from './service.js';
import { ThresholdService } from './threshold-service.js';
import { ReviewService } from './review-service.js';
import type { Actor } from './context.js';
import type { ApplicationInput } from './schemas.js';
import type { Channel, VictimType } from './labels.js';

type Path =
  | 'reviewed'
  | 'not-met'
  | 'not-met-appeal'
  | 'duplicate'
  | 'panel-convened'
  | 'acknowledged'
  | 'received'
  | 'awaiting-consent';

interface Spec {
  ageDays: number;
  path: Path;
  recommendations?: number;
  onBehalf?: boolean;
  victimType?: VictimType;
  channel?: Channel;
  independentChair?: boolean;
  hate?: boolean;
}

const PLAN: Spec[] = [
  { ageDays: 345, path: 'reviewed', recommendations: 3, independentChair: true },
  { ageDays: 305, path: 'not-met-appeal', channel: 'phone' },
  { ageDays: 262, path: 'reviewed', recommendations: 2, onBehalf: true, hate: true },
  { ageDays: 221, path: 'not-met', channel: 'letter' },
  { ageDays: 183, path: 'reviewed', recommendations: 0, victimType: 'community-group' },
  { ageDays: 128, path: 'reviewed', recommendations: 2, independentChair: true },
  { ageDays: 104, path: 'duplicate' },
  { ageDays: 77, path: 'not-met' },
  { ageDays: 41, path: 'panel-convened', channel: 'in-person' },
  { ageDays: 19, path: 'acknowledged' },
  { ageDays: 7, path: 'received', channel: 'phone' },
  { ageDays: 3, path: 'awaiting-consent', onBehalf: true },
  { ageDays: 1, path: 'received' },
];

const PEOPLE = [
  ['Margaret', 'Okafor'],
  ['Daniel', 'Whitfield'],
  ['Aisha', 'Rahman'],
  ['Tomasz', 'Nowak'],
  ['Grace', 'Pemberton'],
  ['Ravi', 'Chandra'],
  ['Siobhan', 'Kelly'],
  ['Oliver', 'Hartley'],
  ['Fatima', 'Begum'],
  ['Edward', 'Lyons'],
  ['Zara', 'Mensah'],
  ['Hannah', 'Fischer'],
  ['Kwame', 'Boateng'],
];
const PLACES = [
  'Golden Lane Estate',
  'Barbican',
  'Leadenhall Market',
  'Smithfield',
  'Aldgate Square',
  'Cheapside',
  'Bishopsgate',
];
const PROBLEMS = [
  'Loud music and shouting from the flat above, most nights until the early hours. I have reported it many times and it keeps happening.',
  'A group gathers in the stairwell drinking and using drugs. They leave needles and urinate in the lift. Residents are frightened to use the stairs.',
  'My neighbour shouts abuse at me about my religion whenever I pass, and has written on my door. I feel unsafe in my own home.',
  'Cyclists and skateboarders race along the walkway outside our shop every evening. Two customers have been knocked over.',
  'People sleep and drink in the doorway of our business, leave rubbish and are aggressive to staff opening up in the morning.',
  'Late-night noise and fights outside the bar on the corner every weekend; nothing has changed despite many reports.',
];
const HOUSING = [
  'Guinness Partnership (housing provider)',
  'City of London housing office',
  'Barbican Estate Office',
];

type ReportRef = { id: string; personId: string | null; createdAt: string };

export async function seedCaseReviewDemo(ctx: DemoSeedContext): Promise<{ applications: number }> {
  const { deps, rng, partnershipId } = ctx;
  const users = (ctx.shared.users ?? {}) as Record<string, string>;
  const coordinatorId = users['coordinator@demo.asbhub.example'];
  if (!coordinatorId) return { applications: 0 };
  const user = await new UserRepository(deps.db, deps.clock).current(coordinatorId);
  if (!user) return { applications: 0 };
  const actor: Actor = { user };
  const today = todayInLondon(deps.clock.now());

  // Services on a clock that follows the demo's story, so events and letters carry believable times.
  let on: IsoDate = today;
  const clock = {
    now: () => new Date(`${on}T10:${String(rng.int(0, 59)).padStart(2, '0')}:00Z`),
    iso: () => clock.now().toISOString(),
  };
  const storyDeps: AppDeps = { ...deps, clock };
  const s = new CaseReviewService(storyDeps);
  const threshold = new ThresholdService(s);
  const review = new ReviewService(s);
  const people = new PeopleService(deps);
  const at = (d: IsoDate) => {
    on = d < today ? d : today;
    return on;
  };

  const reportsByPerson = new Map<string, ReportRef[]>();
  for (const r of (ctx.shared.reports ?? []) as ReportRef[]) {
    if (!r.personId) continue;
    reportsByPerson.set(r.personId, [...(reportsByPerson.get(r.personId) ?? []), r]);
  }
  const usedPeople = new Set<string>();
  /** A person from the reports demo with the most reports in the 6 months before the application. */
  const reportPerson = async (received: IsoDate) => {
    const from = addDays(received, -180);
    const ranked = [...reportsByPerson.entries()]
      .filter(([id]) => !usedPeople.has(id))
      .map(
        ([id, list]) =>
          [
            id,
            list.filter((r) => londonDateOf(r.createdAt) >= from && londonDateOf(r.createdAt) < received)
              .length,
          ] as const,
      )
      .filter(([, n]) => n >= 2)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [id] of ranked.slice(0, 5)) {
      const rec = (await people.history(partnershipId, id)).find((x) => x.email || x.phone);
      if (rec && rec.given_name && rec.surname) {
        usedPeople.add(id);
        return {
          given: rec.given_name,
          surname: rec.surname,
          email: rec.email,
          phone: rec.phone,
          address: rec.address,
          postcode: rec.postcode,
        };
      }
    }
    return null;
  };

  let made = 0;
  let previous: ApplicationInput | null = null;
  for (const [i, spec] of PLAN.entries()) {
    const received = addDays(today, -spec.ageDays);
    const wantsMet = ['reviewed', 'panel-convened'].includes(spec.path);
    const fromReports =
      wantsMet && spec.victimType !== 'community-group' ? await reportPerson(received) : null;
    const [given, surname] = fromReports
      ? [fromReports.given, fromReports.surname]
      : PEOPLE[i % PEOPLE.length];
    const email =
      fromReports?.email ?? `${given}.${surname}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.com';
    const victimType = spec.victimType ?? 'person';
    const location = PLACES[rng.int(0, PLACES.length - 1)];
    const input: ApplicationInput =
      spec.path === 'duplicate' && previous
        ? {
            ...previous,
            receivedOn: received,
            channel: 'phone',
            consent: previous.consent ? { ...previous.consent, on: received } : null,
          }
        : {
            channel: spec.channel ?? 'online',
            receivedOn: received,
            applicantKind: spec.onBehalf ? 'on-behalf' : 'victim',
            victimType,
            victim: {
              name: `${given} ${surname}`,
              organisation: victimType === 'community-group' ? `${location} Residents’ Association` : null,
              address: spec.onBehalf ? `${rng.int(1, 120)} ${location}` : null,
              postcode: null,
              email: spec.onBehalf ? email : null,
              phone: spec.onBehalf ? (fromReports?.phone ?? null) : null,
            },
            problem: {
              description: spec.hate ? PROBLEMS[2] : PROBLEMS[rng.int(0, PROBLEMS.length - 1)],
              location,
              postcode: null,
              startedMonth: addDays(received, -rng.int(60, 200)).slice(0, 7),
              hateRelated: !!spec.hate,
              hateDetails: spec.hate ? 'Abuse about my religion' : null,
            },
            reported: [
              {
                agency: 'police',
                agencyName: 'The police',
                firstReported: addDays(received, -150).slice(0, 7),
                lastReported: addDays(received, -20).slice(0, 7),
                references: `CAD ${rng.int(1000, 9999)}`,
              },
              ...(rng.chance(0.6)
                ? [
                    {
                      agency: 'council' as const,
                      agencyName: 'The council (City of London Corporation)',
                      firstReported: addDays(received, -90).slice(0, 7),
                      lastReported: null,
                      references: null,
                    },
                  ]
                : []),
            ],
            contact: {
              applicant: spec.onBehalf
                ? {
                    name: `${PEOPLE[(i + 5) % PEOPLE.length][0]} ${PEOPLE[(i + 5) % PEOPLE.length][1]}`,
                    relationship: rng.pick(['Her support worker', 'His son', 'Ward councillor']),
                    organisation: null,
                  }
                : null,
              email: spec.onBehalf ? `advocate${i}@example.com` : email,
              phone: fromReports?.phone ?? null,
              address: spec.channel === 'letter' ? `${rng.int(1, 90)} ${location}, London` : null,
              postcode: null,
              method: spec.channel === 'letter' ? 'letter' : 'email',
              supportNeeds: rng.chance(0.25) ? ['interpreter'] : [],
              supportDetails: null,
            },
            consent:
              spec.onBehalf && spec.path !== 'awaiting-consent'
                ? {
                    method: 'recorded',
                    on: received,
                    note: 'Signed letter from the victim with the application',
                  }
                : null,
          };
    if (input.contact.supportNeeds.length)
      input.contact.supportDetails = rng.pick(['Bengali', 'Polish', 'Somali']);
    previous = input;
    at(received);
    const created = await s.submit(partnershipId, input, input.channel === 'online' ? null : actor);
    made++;
    const id = created.id;
    if (spec.path === 'awaiting-consent' || spec.path === 'duplicate') continue;

    const ack = at(addWorkingDays(received, spec.path === 'received' ? 3 : rng.int(1, 2)));
    if (spec.path === 'received' || ack >= today) continue;
    await s.acknowledge(actor, id, ack, user.name);
    if (spec.path === 'acknowledged') continue;

    // Complaints held elsewhere: enough to meet the threshold when the story needs it, one late one when it does not.
    let r = (await s.repo.getReview(id))!;
    let evidence = await threshold.compute(r);
    for (let n = 0; wantsMet && !evidence.result.met && n < 3; n++) {
      const complained = addDays(received, -rng.int(10, 150));
      at(ack);
      await threshold.addComplaint(actor, id, {
        agencyName: rng.pick(HOUSING),
        complainedOn: complained,
        behaviourOn: addDays(complained, -rng.int(0, 6)),
        hate: !!spec.hate,
        evidence: `Housing officer’s case note of ${complained}, copied to the coordinator`,
        agencyReference: `HSG-${rng.int(10000, 99999)}`,
        sameIncidentAs: null,
      });
      evidence = await threshold.compute(r);
    }
    if (!wantsMet && evidence.result.met) continue; // a victim the reports already show meets it: leave for a coordinator
    if (!wantsMet) {
      const complained = addDays(received, -rng.int(20, 90));
      await threshold.addComplaint(actor, id, {
        agencyName: rng.pick(HOUSING),
        complainedOn: complained,
        behaviourOn: addDays(complained, -rng.int(40, 60)),
        hate: false,
        evidence: 'Letter from the housing provider listing the complaints it holds',
        agencyReference: null,
        sameIncidentAs: null,
      });
      evidence = await threshold.compute(r);
    }
    const decided = at(addWorkingDays(ack, rng.int(2, 4)));
    await threshold.decide(actor, id, {
      on: decided,
      met: evidence.result.met,
      reasons: evidence.result.summary,
      reviewAnyway: false,
    });
    if (!evidence.result.met) {
      if (spec.path === 'not-met-appeal') {
        const appealed = at(addWorkingDays(decided, 5));
        await review.requestAppeal(actor, id, {
          on: appealed,
          grounds: 'The applicant says complaints made to the housing office by telephone were not counted.',
        });
        const appealDecided = at(addWorkingDays(appealed, 9));
        await review.decideAppeal(actor, id, {
          on: appealDecided,
          upheld: false,
          reasons:
            'The telephone complaints were made more than a month after the incidents; the threshold decision was correct.',
        });
        await s.transition(actor, id, 'close', { on: at(addWorkingDays(appealDecided, 1)) });
      }
      continue;
    }

    const arranged = at(addWorkingDays(decided, 1));
    const panelOn = addWorkingDays(decided, spec.path === 'panel-convened' ? 16 : 6);
    await review.panel(actor, id, {
      on: arranged,
      panelOn,
      location: 'Guildhall, Committee Room 3',
      members: [
        ...(spec.independentChair
          ? [
              {
                name: 'Dr Helen Marsh',
                organisation: 'Independent chair',
                role: 'chair' as const,
                independent: true,
              },
            ]
          : [
              {
                name: 'Cory Coordinator',
                organisation: 'Community Safety Team',
                role: 'chair' as const,
                independent: false,
              },
            ]),
        {
          name: 'Insp. Priya Constable',
          organisation: 'City of London Police',
          role: 'member',
          independent: false,
        },
        { name: 'Nina Noise', organisation: 'Pollution Control Team', role: 'member', independent: false },
        { name: 'Bea Barbican', organisation: 'Barbican Estate Office', role: 'member', independent: false },
      ],
    });
    for (const [n, agency] of ['City of London Police', 'Pollution Control Team'].entries()) {
      await review.askForInformation(actor, id, {
        agencyName: agency,
        agencyId: null,
        askedFor: 'Every complaint from the victim in the last 6 months and what was done about each',
        requestedOn: arranged,
        dueOn: addWorkingDays(arranged, 5),
        email: null,
      });
      if (spec.path !== 'panel-convened' || n === 0) {
        const req = (await s.repo.infoRequests(id)).find((x) => x.agency_name === agency)!;
        at(addWorkingDays(arranged, 4));
        await review.informationReceived(actor, id, req.id, {
          on: on,
          summary: `${agency}: chronology of contacts and actions sent`,
        });
      }
    }
    await review.victim(actor, id, {
      invitedOn: at(arranged),
      participation: rng.pick(['attend', 'statement'] as const),
      statement: 'The noise and abuse have gone on for months. I do not sleep and I dread coming home.',
      statementOn: at(addWorkingDays(arranged, 3)),
    });
    if (spec.path === 'panel-convened' || panelOn >= today) continue;

    const recs = Array.from({ length: spec.recommendations ?? 0 }, (_, n) => ({
      text: [
        'Install noise monitoring equipment in the victim’s flat for two weeks',
        'Joint visit by police and housing to the address complained about, with a written warning',
        'Add the location to the weekly tasking patrol plan for one month',
        'Single point of contact to call the victim every week until the next tasking meeting',
      ][n % 4],
      owner: [
        'Pollution Control Team',
        'City of London Police',
        'Safer City Partnership tasking',
        'Community Safety Team',
      ][n % 4],
      dueOn: addDays(panelOn, 14 + n * 14),
    }));
    at(panelOn);
    await review.recordRecommendations(actor, id, {
      on: panelOn,
      items: recs,
      noRecommendationsReason: recs.length
        ? null
        : 'The agencies had responded appropriately; the group was told how to report new incidents.',
    });
    const outcomeOn = at(addWorkingDays(panelOn, 2));
    await review.sendOutcome(actor, id, {
      on: outcomeOn,
      summary: recs.length
        ? 'The panel found that the complaints were handled by each agency separately and not joined up. It made recommendations to do that.'
        : 'The panel found that the agencies had responded to each complaint and the problem has eased.',
    });
    r = (await s.repo.getReview(id))!;
    for (const rec of await s.repo.recommendations(id)) {
      const when = addDays(rec.due_on, -rng.int(0, 7));
      if (when >= today || when < outcomeOn) continue;
      at(when);
      // Long past recommendations are done (or dropped, with a reason); recent ones may still be in progress.
      const old = addDays(rec.due_on, 60) < today;
      const status = old ? (rng.chance(0.9) ? 'done' : 'dropped') : rng.chance(0.6) ? 'done' : 'open';
      const note =
        status === 'done'
          ? 'Done and the victim told.'
          : status === 'dropped'
            ? 'The tenancy ended, so the visit was not needed.'
            : 'Started; two visits so far.';
      await review.updateRecommendation(actor, id, rec.id, { on: when, status, note });
    }
    const closeOn = addWorkingDays(outcomeOn, 12);
    if (closeOn < today) await s.transition(actor, id, 'close', { on: at(closeOn) });
  }
  deps.log.info({ applications: made }, 'demo case reviews seeded');
  return { applications: made };
}
