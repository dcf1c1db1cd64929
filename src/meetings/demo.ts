/**
 * The demo year of meetings: the CCM, fortnightly tasking, the Monday NTE meeting, the Licensing
 * Liaison Partnership and four quarterly ward Cluster Panels (public). Past meetings are run through
 * the services at their own dates (agenda built at the cut-off and issued, attendance, decisions,
 * actions raised and carried, minutes circulated and approved at the next meeting), so agendas hold
 * the demo cases and actions as they stood then; future meetings are scheduled.
 */
import type { DemoSeedContext, Rng } from '../platform/module.js';
import { fixedClock } from '../platform/db/clock.js';
import { UserRepository } from '../platform/auth/users.js';
import {
  addCalendarMonths,
  addDays,
  addWorkingDays,
  compareDates,
  todayInLondon,
  type IsoDate,
} from '../platform/dates/index.js';
import { createMeetingServices, type MeetingServices } from './services.js';
import type { SeriesForm } from './series-service.js';
import type { Actor } from './context.js';

type Users = Record<string, string>;
const E = (name: string) => `${name}@demo.asbhub.example`;

function demoSeries(
  u: Users,
  a: Record<string, string>,
): (Omit<SeriesForm, 'from'> & { record: 'full' | 'attendance'; recent: number })[] {
  const base = {
    agendaCutoffDays: 5,
    minutesDeadlineDays: 3,
    minutesPerCase: 10,
    memberUserIds: [] as string[],
    ward: null,
  };
  const cluster = (code: string, name: string, ward: string, venue: string, firstMonth: number) => ({
    ...base,
    name: `${name} Cluster Panel`,
    code,
    type: 'cluster',
    schedule: { kind: 'quarterly' as const, nth: 1 as const, weekday: 3, firstMonth },
    startTime: '18:30',
    durationMinutes: 90,
    venue,
    ward,
    confidentiality: 'public' as const,
    protectiveMarking: 'OFFICIAL',
    termsOfReference: `Residents, businesses and ward members of ${ward} raise the anti-social behaviour that matters to them; the panel's issues go to multi-agency tasking as emerging issues.`,
    chairUserIds: [u[E('officer')]],
    memberAgencyIds: [a.CoLC, a.CoLP],
    record: 'attendance' as const,
    recent: 4,
  });
  return [
    {
      ...base,
      name: 'City Community MARAC',
      code: 'CCM',
      type: 'ccm',
      schedule: { kind: 'monthly', nth: 2, weekday: 2 },
      startTime: '10:00',
      durationMinutes: 120,
      venue: 'Guildhall, Committee Room 2',
      confidentiality: 'confidential',
      protectiveMarking: 'OFFICIAL-SENSITIVE',
      termsOfReference:
        'The City Community MARAC is a monthly multi-agency problem-solving meeting, co-chaired by the City of London Police and the City of London Corporation, where high-risk victims of anti-social behaviour are referred and information is shared. It also considers hot spots and emerging issues. Referrals below the threshold receive specialist advice.',
      chairUserIds: [u[E('coordinator')], u[E('police.officer')]],
      memberAgencyIds: [a.CoLP, a.CoLC, a.VS],
      record: 'full',
      recent: 12,
    },
    {
      ...base,
      name: 'Multi-agency tasking',
      code: 'TASK',
      type: 'tasking',
      schedule: { kind: 'fortnightly', anchor: '2025-01-08' },
      startTime: '14:00',
      durationMinutes: 90,
      venue: 'Guildhall, Committee Room 4',
      confidentiality: 'confidential',
      protectiveMarking: 'OFFICIAL-SENSITIVE',
      termsOfReference:
        'Every two weeks: emerging issues (including those from the ward Cluster Panels), hot spots and near repeats; each issue gets an owner and a problem-solving plan.',
      chairUserIds: [u[E('coordinator')]],
      memberAgencyIds: [a.CoLP, a.CoLC, a.OUTREACH, a.PARKGUARD],
      minutesPerCase: 5,
      record: 'full',
      recent: 8,
    },
    {
      ...base,
      name: 'Night Time Economy meeting',
      code: 'NTE',
      type: 'nte',
      schedule: { kind: 'weekly', weekday: 1 },
      startTime: '11:00',
      durationMinutes: 60,
      venue: 'Walbrook Wharf, Licensing meeting room',
      confidentiality: 'confidential',
      protectiveMarking: 'OFFICIAL',
      termsOfReference:
        'Every Monday, on the weekend just gone (Friday evening to Monday morning): incidents, noise complaints and the premises involved, across licensing, pollution control, the police and cleansing.',
      chairUserIds: [u[E('noise.officer')]],
      memberAgencyIds: [a.CoLP, a.CoLC],
      agendaCutoffDays: 0,
      minutesDeadlineDays: 2,
      record: 'full',
      recent: 4,
    },
    {
      ...base,
      name: 'Licensing Liaison Partnership',
      code: 'LLP',
      type: 'llp',
      schedule: { kind: 'monthly', nth: 3, weekday: 4 },
      startTime: '14:00',
      durationMinutes: 90,
      venue: 'Walbrook Wharf, Licensing meeting room',
      confidentiality: 'confidential',
      protectiveMarking: 'OFFICIAL',
      termsOfReference:
        'Monthly, chaired by the Licensing Manager: weekend noise and ASB complaints, alcohol-related crime and the Traffic Light Scheme’s top premises.',
      chairUserIds: [u[E('noise.officer')]],
      memberAgencyIds: [a.CoLP, a.CoLC],
      record: 'full',
      recent: 6,
    },
    cluster(
      'CP-NORTH',
      'Aldersgate and Cripplegate',
      'Aldersgate and Cripplegate',
      'Golden Lane Community Centre',
      1,
    ),
    cluster(
      'CP-EAST',
      'Portsoken and Aldgate',
      'Portsoken and Aldgate',
      'Artizan Street Library and Community Centre',
      2,
    ),
    cluster(
      'CP-WEST',
      'Farringdon',
      'Farringdon Within and Farringdon Without',
      'Guildhall, Committee Room 1',
      3,
    ),
    cluster(
      'CP-CENTRAL',
      'Bishopsgate and Cornhill',
      'Bishopsgate, Cornhill and Lime Street',
      'Bishopsgate Institute',
      1,
    ),
  ];
}

const ACTIONS = [
  'Joint visit to the victim with the housing officer',
  'Share the latest incident log with the police licensing team',
  'Arrange extra patrols on Friday and Saturday nights',
  'Write to the managing agent about the broken door entry system',
  'Offer the victim a referral to Victim Support',
  'Review CCTV coverage of the hot spot',
  'Clear the drug paraphernalia and report the needle finds',
];

export async function seedMeetingsDemo(ctx: DemoSeedContext): Promise<void> {
  const started = performance.now();
  const users = (ctx.shared.users ?? {}) as Users;
  const agencies = (ctx.shared.agencies ?? {}) as Record<string, string>;
  if (!users[E('coordinator')]) return;
  const today = todayInLondon(ctx.deps.clock.now());
  const clock = fixedClock(ctx.deps.clock.now());
  const deps = { ...ctx.deps, clock };
  const s = createMeetingServices(deps);
  const me = await new UserRepository(deps.db, clock).current(users[E('coordinator')]);
  if (!me) return;
  const actor: Actor = { user: me };
  const yearAgo = addCalendarMonths(today, -12);
  const staff = await s.ctx.repo.staff(ctx.partnershipId);
  let meetings = 0;
  for (const spec of demoSeries(users, agencies)) {
    const { record, recent, ...form } = spec;
    // The CCM and Cluster Panels have a year behind them; the others the recent meetings recorded.
    const days = { weekly: 7, fortnightly: 14, monthly: 31, quarterly: 92 }[form.schedule.kind] * recent;
    const from = days >= 365 ? yearAgo : addDays(today, -days);
    const made = await s.series.create(actor, { ...form, from });
    if (!made.ok) throw new Error(`demo series ${form.code}: ${JSON.stringify(made.errors)}`);
    const series = await s.series.get(ctx.partnershipId, made.value.id);
    const all = await s.ctx.repo.meetings(ctx.partnershipId, { seriesIds: [series.id] });
    const past = all.filter((m) => compareDates(m.held_on, today) < 0);
    const toRecord = past.slice(-recent);
    const members = staff.filter((x) => series.members.some((m) => m.agency_id === x.agency_id));
    for (const m of toRecord) {
      await runPastMeeting(s, clock, actor, ctx.rng, { id: m.id, on: m.held_on, record, members, today });
      meetings++;
    }
    // The next meeting whose cut-off has passed has its draft agenda.
    const next = all.find((m) => compareDates(m.held_on, today) >= 0);
    if (next && record !== 'attendance' && compareDates(s.series.datesOf(series, next).cutoff, today) <= 0) {
      clock.set(`${today}T08:00:00.000Z`);
      await s.agenda.build(actor, next.id);
    }
  }
  clock.set(ctx.deps.clock.now());
  ctx.deps.log.info({ meetings, ms: Math.round(performance.now() - started) }, 'demo meetings seeded');
}

async function runPastMeeting(
  s: MeetingServices,
  clock: ReturnType<typeof fixedClock>,
  actor: Actor,
  rng: Rng,
  m: { id: string; on: IsoDate; record: string; members: { id: string }[]; today: IsoDate },
): Promise<void> {
  const at = (d: IsoDate, time: string) => clock.set(`${d}T${time}:00.000Z`);
  const attendance: Record<string, string> = {};
  for (const u of m.members)
    attendance[`status-${u.id}`] = rng.pick(['present', 'present', 'present', 'apologies', 'absent']);
  attendance[`status-${actor.user.id}`] = 'present';
  if (m.record === 'attendance') {
    at(m.on, '20:00');
    await s.conduct.recordAttendance(actor, m.id, attendance);
    return;
  }
  const opened = await s.series.open(actor, m.id, 'demo');
  at(opened.dates.cutoff, '16:00');
  await s.agenda.build(actor, m.id);
  at(addDays(opened.dates.cutoff, 1) < m.on ? addDays(opened.dates.cutoff, 1) : m.on, '08:00');
  await s.packs.issueAgenda(actor, m.id);
  at(m.on, '15:00');
  await s.packs.approvePreviousMinutes(actor, m.id);
  await s.conduct.recordAttendance(actor, m.id, attendance);
  for (const item of await s.ctx.repo.items(m.id)) {
    if (item.kind === 'action') {
      const done = rng.chance(0.6);
      const carried = rng.chance(0.5) ? 'change-of-circumstance' : 'agency-did-not-act';
      await s.conduct.recordOutcome(actor, m.id, item.id, {
        notes: null,
        decision: done ? 'done' : carried,
        decisionNote: done
          ? 'Completed and reported back to the meeting'
          : carried === 'agency-did-not-act'
            ? 'No update from the agency'
            : 'The victim moved address; the action is being re-planned',
      });
    } else if (item.case_id && item.kind === 'referral') {
      const accepted = rng.chance(0.85);
      await s.conduct.recordOutcome(actor, m.id, item.id, {
        notes: 'Discussed by the partners present.',
        decision: accepted ? 'accepted' : 'deferred',
        decisionNote: accepted ? null : 'The referrer could not attend',
      });
    } else if (item.kind === 'review') {
      await s.conduct.recordOutcome(actor, m.id, item.id, {
        notes: 'Reviewed: the plan stands.',
        decision: null,
        decisionNote: null,
      });
    }
  }
  const owners = m.members.length ? m.members : [{ id: actor.user.id }];
  for (let i = rng.int(1, 2); i > 0; i--) {
    await s.conduct.raiseAction(actor, m.id, {
      text: rng.pick(ACTIONS),
      ownerUserId: rng.pick(owners).id,
      dueOn: addDays(m.on, rng.int(10, 28)),
      rag: rng.pick(['green', 'amber', 'amber', 'red'] as const),
      itemId: null,
    });
  }
  const circulate = addWorkingDays(m.on, rng.int(1, 3));
  if (compareDates(circulate, m.today) < 0) {
    at(circulate, '12:00');
    await s.packs.circulateMinutes(actor, m.id);
  }
}
