/**
 * Demo cases at every stage, made through the cases services so every rule applies: opened from
 * the demo reports of repeat reporters (or directly), with parties, risk assessments, actions,
 * victim contact, powers-ladder steps, Community MARAC referrals, shares, reviews and closures.
 * Deterministic for a given ctx.rng (ids and audit times aside).
 */
import type { DemoSeedContext, Rng } from '../platform/module.js';
import { UserRepository } from '../platform/auth/users.js';
import { addDays, londonDateOf, todayInLondon, type IsoDate } from '../platform/dates/calendar-date.js';
import { ReportService } from '../reports/index.js';
import { DEFAULT_QUESTIONNAIRE } from './rules/risk-assessment.js';
import type { PowerKey } from './rules/powers-ladder.js';
import { createCaseServices, type CaseServices } from './services.js';
import type { Actor } from './context.js';
import type { CaseType } from './labels.js';
import type { LadderStepForm } from './schemas.js';

interface SharedReport {
  id: string;
  reference: string;
  personId: string | null;
  category: string;
  place: string;
  createdAt: string;
  state: string;
}

type Stage = 'open' | 'standard' | 'medium' | 'high' | 'review' | 'closed' | 'reopened';
const STAGES: Record<Stage, number> = {
  open: 5,
  standard: 6,
  medium: 9,
  high: 6,
  review: 4,
  closed: 6,
  reopened: 2,
};

const OFFICERS = {
  CCS: 'officer@demo.asbhub.example',
  'COLP-LP': 'police.officer@demo.asbhub.example',
  PP: 'noise.officer@demo.asbhub.example',
  BE: 'estate.officer@demo.asbhub.example',
  CO: 'cleansing.officer@demo.asbhub.example',
} as const;
type LeadTeam = keyof typeof OFFICERS;

const BY_CATEGORY: Record<string, { team: LeadTeam; caseType: CaseType; title: string; ladder: PowerKey[] }> =
  {
    harassment: {
      team: 'CCS',
      caseType: 'personal',
      title: 'Harassment of a resident',
      ladder: ['warning-letter', 'community-protection-warning', 'community-protection-notice'],
    },
    'noise-residential': {
      team: 'PP',
      caseType: 'housing',
      title: 'Noise nuisance from a neighbouring flat',
      ladder: ['warning-letter', 'community-protection-warning', 'community-protection-notice'],
    },
    'aggressive-begging': {
      team: 'COLP-LP',
      caseType: 'nuisance',
      title: 'Aggressive begging',
      ladder: ['luscombe-green', 'luscombe-amber', 'community-protection-notice'],
    },
    'street-drinking': {
      team: 'COLP-LP',
      caseType: 'nuisance',
      title: 'Street drinking group',
      ladder: ['dispersal-direction', 'pspo-fixed-penalty', 'community-protection-warning'],
    },
    'drug-use': {
      team: 'COLP-LP',
      caseType: 'nuisance',
      title: 'Drug use and dealing',
      ladder: ['closure-notice', 'closure-order'],
    },
    'rough-sleeping': {
      team: 'CCS',
      caseType: 'personal',
      title: 'Rough sleeping welfare concern',
      ladder: ['support-referral'],
    },
    'licensed-premises': {
      team: 'PP',
      caseType: 'nuisance',
      title: 'Nuisance from licensed premises',
      ladder: ['warning-letter', 'acceptable-behaviour-contract'],
    },
    'noise-street': {
      team: 'PP',
      caseType: 'nuisance',
      title: 'Street noise at night',
      ladder: ['dispersal-direction', 'community-protection-warning'],
    },
    graffiti: {
      team: 'CO',
      caseType: 'environmental',
      title: 'Repeated graffiti',
      ladder: ['csas-penalty', 'community-protection-warning'],
    },
  };

const DIRECT: { title: string; category: string; summary: string; location: string; hate?: boolean }[] = [
  {
    title: 'Racist abuse of a shopkeeper',
    category: 'harassment',
    summary: 'A shopkeeper is abused and his window spat on by the same man most weeks.',
    location: 'Leadenhall Market',
    hate: true,
  },
  {
    title: 'Cuckooing concern at a council flat',
    category: 'drug-use',
    summary:
      'A vulnerable tenant’s flat appears to be used by dealers; neighbours report visitors all night.',
    location: 'Middlesex Street Estate',
  },
  {
    title: 'Barbican tenant dispute over noise',
    category: 'noise-residential',
    summary: 'Two tenants complain about each other’s noise; mediation offered.',
    location: 'Barbican Estate, Cromwell Tower',
  },
  {
    title: 'Youths riding motorbikes on the highwalk',
    category: 'noise-street',
    summary: 'Motorbikes ridden on the highwalk at night, frightening residents.',
    location: 'Barbican highwalk',
  },
  {
    title: 'Persistent begging at the station',
    category: 'aggressive-begging',
    summary: 'Commuters report being followed and asked for money at the ticket barriers.',
    location: 'Liverpool Street station',
  },
  {
    title: 'Hate graffiti at a place of worship',
    category: 'graffiti',
    summary: 'Antisemitic graffiti sprayed twice on the wall of a synagogue.',
    location: 'Bevis Marks',
    hate: true,
  },
  {
    title: 'Late-night bar causing disturbance',
    category: 'licensed-premises',
    summary: 'Crowds and music after closing; residents above cannot sleep.',
    location: 'Smithfield',
  },
  {
    title: 'Street drinkers at the churchyard',
    category: 'street-drinking',
    summary: 'A group drinks in the churchyard daily, leaving litter and urinating.',
    location: 'St Botolph without Aldgate churchyard',
  },
];

const GIVEN = [
  'Amir',
  'Beth',
  'Callum',
  'Dana',
  'Eddie',
  'Fatima',
  'Gary',
  'Hannah',
  'Idris',
  'Jade',
  'Kieran',
  'Leah',
  'Marek',
  'Nadia',
  'Owen',
  'Priti',
  'Ryan',
  'Sade',
  'Tom',
  'Usha',
  'Vince',
  'Wes',
];
const SURNAMES = [
  'Adams',
  'Boateng',
  'Clarke',
  'Doyle',
  'Evans',
  'Farah',
  'Green',
  'Hughes',
  'Iqbal',
  'Jones',
  'Kowalski',
  'Lewis',
  'Murphy',
  'Nowak',
  'O’Brien',
  'Patel',
  'Quinn',
  'Reid',
  'Shah',
  'Taylor',
];
const ACTIONS = [
  'Visit the victim with a police officer',
  'Write to the alleged perpetrator',
  'Check CCTV for the dates reported',
  'Refer the victim to Victim Support',
  'Ask the housing officer for the tenancy history',
  'Install noise monitoring equipment',
  'Arrange mediation between the neighbours',
  'Offer a hostel place through outreach',
  'Ask patrols to visit at the times reported',
  'Review the case at the next tasking meeting',
];

const clampTo = (d: IsoDate, today: IsoDate) => (d > today ? today : d);

export async function seedCasesDemo(ctx: DemoSeedContext): Promise<{ cases: number; ms: number }> {
  const started = performance.now();
  const { deps, rng, shared } = ctx;
  const s = createCaseServices(deps);
  const reportsService = new ReportService(deps);
  const userRepo = new UserRepository(deps.db, deps.clock);
  const users = (shared.users ?? {}) as Record<string, string>;
  const teams = (shared.teams ?? {}) as Record<string, string>;
  const agencies = (shared.agencies ?? {}) as Record<string, string>;
  const today = todayInLondon(deps.clock.now());
  const actors = new Map<string, Actor>();
  const actor = async (email: string): Promise<Actor> => {
    if (!actors.has(email)) {
      const user = await userRepo.current(users[email]);
      if (!user) throw new Error(`demo user ${email} is missing`);
      actors.set(email, { user, ip: '127.0.0.1', requestId: 'demo-seed' });
    }
    return actors.get(email)!;
  };
  const admin = await actor('admin@demo.asbhub.example');
  const coordinator = await actor('coordinator@demo.asbhub.example');

  // Repeat reporters of case-worthy behaviour: each gives a case opened from their reports.
  const reports = ((shared.reports ?? []) as SharedReport[]).filter(
    (r) => r.personId && BY_CATEGORY[r.category],
  );
  const byPerson = new Map<string, SharedReport[]>();
  for (const r of reports)
    byPerson.set(`${r.personId}:${r.category}`, [...(byPerson.get(`${r.personId}:${r.category}`) ?? []), r]);
  const groups = [...byPerson.values()]
    .filter((g) => g.length >= 2)
    .sort((a, b) => a[0].createdAt.localeCompare(b[0].createdAt));

  const stages = shuffle(
    rng,
    (Object.entries(STAGES) as [Stage, number][]).flatMap(([st, n]) => Array<Stage>(n).fill(st)),
  );
  const made: { id: string; reference: string; stage: Stage; personIds: string[] }[] = [];
  const referrals: { id: string; caseId: string; status: string }[] = [];

  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i];
    const group =
      i < stages.length - DIRECT.length && groups.length
        ? groups.splice(rng.int(0, groups.length - 1), 1)[0]
        : null;
    const direct = group ? null : DIRECT[(i + DIRECT.length) % DIRECT.length];
    const category = group ? group[0].category : direct!.category;
    const plan = BY_CATEGORY[category];
    const team =
      category === 'noise-residential' && direct?.location.startsWith('Barbican') ? 'BE' : plan.team;
    const spoc = await actor(OFFICERS[team]);
    const linked = group ? group.slice(-3) : [];
    const openedOn = linked.length
      ? clampTo(addDays(londonDateOf(linked.at(-1)!.createdAt), rng.int(0, 3)), addDays(today, -1))
      : addDays(today, -rng.int(stage === 'open' ? 3 : 30, 300));
    let visible = true;
    for (const r of linked) if (!(await reportsService.canSee(spoc.user, r.id))) visible = false;

    const opened = await s.cases.open(visible ? spoc : admin, {
      title: direct?.title ?? `${plan.title} at ${linked[0].place}`,
      caseType: direct?.hate ? 'hate' : plan.caseType,
      summary:
        direct?.summary ??
        `${linked.length} reports from the same person about ${plan.title.toLowerCase()} at ${linked[0].place}.`,
      leadTeamId: teams[team],
      spocUserId: spoc.user.id,
      location: direct?.location ?? linked[0].place,
      openedOn,
      reportIds: linked.map((r) => r.id),
      reportReferences: [],
      addReporters: true,
    });
    if (!opened.ok) throw new Error(`demo case not opened: ${JSON.stringify(opened.errors)}`);
    const caseId = opened.value.id;
    const personIds: string[] = [];

    // A victim for direct cases; a perpetrator (or premises) for every case.
    let victimId = (await s.cases.repo.parties(caseId)).find((p) => p.role === 'victim')?.id ?? null;
    if (!victimId) {
      const given = rng.pick(GIVEN);
      const surname = rng.pick(SURNAMES);
      const added = await s.parties.add(spoc, caseId, {
        role: 'victim',
        givenName: given,
        surname,
        dob: addDays(today, -rng.int(20, 80) * 365),
        phone: `07700 900${String(rng.int(100, 999))}`,
        email: rng.chance(0.7)
          ? `${given.toLowerCase()}.${surname.toLowerCase().replace(/[^a-z]/g, '')}@example.com`
          : null,
        address: `${rng.int(1, 120)} ${direct?.location ?? 'Golden Lane'}`,
        postcode: 'EC2V 7HH',
        healthNotes: rng.chance(0.3) ? 'Anxiety; sleeps badly since the problem began' : null,
      });
      if (added.ok) victimId = added.value.partyId;
    }
    const perpAge = rng.chance(0.15) ? rng.int(14, 17) : rng.int(18, 55);
    const perp = await s.parties.add(spoc, caseId, {
      role: 'perpetrator',
      givenName: rng.pick(GIVEN),
      surname: rng.pick(SURNAMES),
      dob: rng.chance(0.85) ? addDays(today, -perpAge * 365 - rng.int(0, 300)) : undefined,
      phone: null,
      email: null,
      address: null,
      postcode: null,
      healthNotes: null,
    });
    const perpId = perp.ok ? perp.value.partyId : null;
    if (perp.ok) personIds.push(perp.value.personId);
    let premisesId: string | null = null;
    if (plan.ladder.includes('closure-notice')) {
      const pl = await s.parties.addPlace(spoc, caseId, {
        kind: 'premises',
        label: `Flat ${rng.int(1, 60)}, ${direct?.location ?? linked[0]?.place ?? 'Petticoat Tower'}`,
        address: null,
        postcode: null,
        uprn: null,
      });
      if (pl.ok) premisesId = pl.value.id;
    }
    made.push({ id: caseId, reference: opened.value.reference, stage, personIds });
    if (stage === 'open') continue;

    // Risk assessment, with the band the stage asks for.
    const band =
      stage === 'high'
        ? 'high'
        : stage === 'standard'
          ? 'standard'
          : rng.chance(0.3) && stage !== 'medium'
            ? 'high'
            : 'medium';
    let day = clampTo(addDays(openedOn, rng.int(1, 4)), today);
    const assessed = await s.risk.assess(spoc, caseId, {
      partyId: victimId,
      assessedOn: day,
      answers: answersFor(rng, band),
      judgementBand: null,
      judgementReason: null,
      notes: null,
    });
    if (!assessed.ok) throw new Error(`demo risk assessment refused: ${JSON.stringify(assessed.errors)}`);
    const riskBand = assessed.value.result.band;

    // Agreed contact and a log of contacts since (some now overdue).
    if (victimId) {
      await s.parties.setPreferences(spoc, caseId, victimId, {
        contactFrequency: riskBand === 'high' ? 'weekly' : 'fortnightly',
        preferredChannel: rng.pick(['phone', 'visit', 'email'] as const),
        consentToShare: rng.chance(0.8) ? 'yes' : 'no',
        consentRecordedOn: day,
        sharingPreferences: null,
      });
      await s.cases.ctx.transaction((trx) =>
        s.cases.repo.updateParty(trx, victimId!, { contact_agreed_on: day }),
      );
      await logContacts(s, spoc, caseId, victimId, day, today, rng, riskBand === 'high' ? 7 : 14);
    }

    // Actions: some done, some overdue.
    for (let a = 0; a < rng.int(1, 3); a++) {
      const due = addDays(day, rng.int(5, 45));
      const owner = rng.chance(0.6) ? `user:${spoc.user.id}` : `team:${teams[team]}`;
      const added = await s.actions.add(spoc, caseId, {
        title: rng.pick(ACTIONS),
        detail: null,
        owner,
        dueOn: due,
        rag: rng.pick(['green', 'green', 'amber', 'red'] as const),
      });
      if (added.ok && due < today && rng.chance(0.6)) {
        await s.actions.update(spoc, caseId, added.value.id, {
          status: 'done',
          rag: 'green',
          dueOn: due,
          owner,
        });
      }
    }

    // Steps on the powers ladder, each after the one before.
    const rungs =
      stage === 'standard'
        ? plan.ladder.slice(0, 1)
        : plan.ladder.slice(0, rng.chance(0.5) ? plan.ladder.length : rng.int(1, plan.ladder.length));
    let stepDay = day;
    for (const power of rungs) {
      stepDay = clampTo(addDays(stepDay, rng.int(7, 40)), today);
      const subject = power.startsWith('closure')
        ? premisesId
          ? `place:${premisesId}`
          : null
        : perpId
          ? `party:${perpId}`
          : null;
      if (!subject) break;
      const step: LadderStepForm = {
        subject,
        power,
        issuedOn: stepDay,
        expiresOn:
          power === 'community-protection-notice'
            ? clampTo(addDays(stepDay, 182), addDays(today, rng.int(5, 200)))
            : undefined,
        reviewOn: undefined,
        durationHours: power === 'dispersal-direction' ? 48 : power === 'closure-notice' ? 24 : null,
        indefinite: false,
        extended: false,
        conditions:
          power === 'community-protection-notice' || power === 'community-protection-warning'
            ? 'Not to play amplified music\nNot to approach the complainant'
            : null,
        penaltyAmount: power === 'pspo-fixed-penalty' || power === 'csas-penalty' ? 100 : null,
        riskAssessmentDone: null,
        convictionRecorded: null,
        notes: null,
        acknowledgeWarnings: true,
      };
      const rec = await s.ladder.record(spoc, caseId, step);
      if (!rec.ok) break;
      if (power === 'community-protection-notice' && rng.chance(0.4) && addDays(stepDay, 10) < today) {
        await s.ladder.addBreach(spoc, caseId, rec.value.id, {
          breachedOn: addDays(stepDay, rng.int(3, 10)),
          description: 'Seen breaking the notice’s conditions',
          response: 'Fixed penalty notice issued',
        });
      }
    }
    day = clampTo(stepDay, today);

    // Shares with partners where their help is needed.
    if (category === 'aggressive-begging' || category === 'rough-sleeping') {
      await s.sharing.share(spoc, caseId, {
        agencyId: agencies.OUTREACH,
        reason:
          'Rough sleeping and begging ISA: outreach offer support and watch for signs of modern slavery',
        includeSensitive: 'no',
      });
    }

    if (stage === 'high' || riskBand === 'high') {
      if (victimId && stage !== 'closed' && stage !== 'reopened') {
        const ref = await s.marac.refer(spoc, caseId, {
          partyId: victimId,
          reason: 'High risk to the victim and repeat targeting despite action so far.',
          actionsSoFar: 'Visits, warning letter, contact agreed with the victim.',
          safetyConcerns: rng.chance(0.3) ? 'The perpetrator has threatened officers' : null,
          victimAware: 'yes',
        });
        if (ref.ok) {
          const decision = rng.pick(['accept', 'accept', 'return', 'none'] as const);
          if (decision !== 'none')
            await s.marac.decide(
              coordinator,
              ref.value.id,
              decision,
              decision === 'return' ? 'Please add the housing provider’s view' : null,
            );
          referrals.push({
            id: ref.value.id,
            caseId,
            status: decision === 'accept' ? 'accepted' : decision === 'return' ? 'returned' : 'submitted',
          });
          if (category === 'harassment') {
            await s.sharing.share(spoc, caseId, {
              agencyId: agencies.VS,
              reason: 'Victim Support caseworker assigned with the victim’s consent',
              includeSensitive: 'yes',
            });
          }
        }
      }
    }

    if (stage === 'review' || stage === 'closed' || stage === 'reopened') {
      day = clampTo(addDays(day, rng.int(1, 10)), today);
      await s.workflow.transition(spoc, caseId, 'request-review', {
        on: day,
        note: 'Ready for a manager’s review',
      });
    }
    if (stage === 'closed' || stage === 'reopened') {
      day = clampTo(addDays(day, rng.int(1, 5)), today);
      const closed = await s.workflow.close(spoc, caseId, {
        on: day,
        reason: rng.pick([
          'resolved',
          'resolved',
          'enforcement-complete',
          'no-further-action',
          'moved-away',
        ] as const),
        detail: 'There have been no new reports for six weeks and the victim says things are better.',
        tellVictim: 'send-letter',
        victimInformedOn: undefined,
        victimInformedHow: null,
        victimNotInformedReason: undefined,
      });
      if (!closed.ok) {
        await s.workflow.close(spoc, caseId, {
          on: day,
          reason: 'resolved',
          detail: 'The behaviour has stopped.',
          tellVictim: 'already-told',
          victimInformedOn: day,
          victimInformedHow: 'Phone call',
          victimNotInformedReason: undefined,
        });
      }
      if (stage === 'reopened') {
        await s.workflow.transition(spoc, caseId, 'reopen', {
          on: clampTo(addDays(day, rng.int(3, 20)), today),
          reason: 'New reports from the victim: the behaviour has started again',
        });
      }
    }
  }

  shared.cases = made;
  shared.maracReferrals = referrals;
  const ms = Math.round(performance.now() - started);
  deps.log.info({ cases: made.length, referrals: referrals.length, ms }, 'demo cases seeded');
  return { cases: made.length, ms };
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Answers scoring into the band asked for with the default bands (medium 16-31, high 32+): the
 * highest options for high; for medium, answers raised one at a time until the score reaches a
 * target between 18 and 28; mostly the lowest options for standard.
 */
function answersFor(rng: Rng, band: string): Record<string, string> {
  const sorted = DEFAULT_QUESTIONNAIRE.map((q) => ({
    id: q.id,
    options: [...q.options].sort((a, b) => a.score - b.score),
  }));
  const answers: Record<string, string> = {};
  if (band === 'high') {
    for (const q of sorted) answers[q.id] = q.options.at(-1)!.value;
    return answers;
  }
  for (const q of sorted) answers[q.id] = q.options[0].value;
  const target = band === 'medium' ? rng.int(18, 28) : rng.int(0, 10);
  let score = 0;
  for (const q of shuffle(rng, sorted)) {
    const option = q.options[rng.int(1, q.options.length - 1)];
    if (score + option.score > target) continue;
    answers[q.id] = option.value;
    score += option.score;
  }
  return answers;
}

async function logContacts(
  s: CaseServices,
  actor: Actor,
  caseId: string,
  partyId: string,
  from: IsoDate,
  today: IsoDate,
  rng: Rng,
  every: number,
) {
  // Stop some logs early, so that contact is overdue on those cases.
  const until = rng.chance(0.3) ? addDays(today, -rng.int(every + 3, every + 20)) : today;
  // The last ten weeks of contact at most, to keep the demo quick to load.
  const start = addDays(from, rng.int(every - 2, every + 2));
  const recent = addDays(today, -70);
  for (
    let d = start > recent ? start : addDays(recent, rng.int(0, every));
    d <= until;
    d = addDays(d, rng.int(every - 2, every + 3))
  ) {
    const made = rng.chance(0.85);
    await s.contacts.log(actor, caseId, {
      partyId,
      contactedOn: d,
      channel: rng.pick(['phone', 'phone', 'visit', 'email'] as const),
      direction: rng.chance(0.8) ? 'outbound' : 'inbound',
      successful: made ? 'yes' : 'no',
      summary: made
        ? rng.pick([
            'Checked in; no new incidents this week.',
            'Victim reports more noise at weekends.',
            'Updated her on the warning letter.',
            'Agreed to keep a diary sheet.',
          ])
        : 'No answer; left a message.',
      toldAboutCaseReview: false,
    });
  }
}
