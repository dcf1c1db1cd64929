/** Helpers for the meetings tests: a case referred to the Community MARAC through the real pages. */
import type { TestApp, Client } from '../helpers/app.js';
import { DEMO } from '../helpers/app.js';
import { fileTestReport } from '../../src/cases/test-support.js';
import { DEFAULT_QUESTIONNAIRE } from '../../src/cases/rules/risk-assessment.js';
import { todayInLondon } from '../../src/platform/dates/index.js';

export const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
};

/** Opens a case from a new report, assesses the victim at high risk and refers the case. */
export async function referredCase(t: TestApp, officer: Client, name: string) {
  const today = todayInLondon(t.deps.clock.now());
  const r = await fileTestReport(t.deps, t.demo.partnershipId, {
    name,
    email: `${name.split(' ')[0].toLowerCase()}@example.com`,
  });
  const form = await officer.get(`/cases/new?reports=${r.id}`);
  if (form.statusCode !== 200)
    throw new Error(`case form: ${form.statusCode} ${String(form.headers.location)}`);
  const opened = await officer.post('/cases/new', {
    title: `Harassment of ${name}`,
    caseType: 'personal',
    summary: 'A neighbour shouts abuse and follows the resident.',
    leadTeamId: t.demo.teams.CCS,
    spocUserId: t.demo.users[DEMO.officer],
    ...dateFields('openedOn', today),
    reportIds: [r.id],
    addReporters: 'yes',
  });
  if (opened.statusCode !== 303) throw new Error(`case not opened: ${opened.statusCode}`);
  const caseUrl = opened.headers.location as string;
  const caseId = caseUrl.split('/').pop()!;
  const victim = await t.deps.db
    .selectFrom('case_parties')
    .select('id')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  const answers: Record<string, string> = {};
  for (const q of DEFAULT_QUESTIONNAIRE)
    answers[`answers-${q.id}`] = q.options.reduce((a, b) => (b.score > a.score ? b : a)).value;
  await officer.get(`${caseUrl}/risk/new`);
  const risk = await officer.post(`${caseUrl}/risk/new`, {
    partyId: victim.id,
    ...dateFields('assessedOn', today),
    ...answers,
  });
  if (risk.statusCode !== 303) throw new Error(`risk not assessed: ${risk.statusCode}`);
  await officer.get(`${caseUrl}/marac/new`);
  const referred = await officer.post(`${caseUrl}/marac/new`, {
    partyId: victim.id,
    reason: `High risk: ${name} is targeted repeatedly.`,
    actionsSoFar: 'Visited twice, CPW issued.',
    victimAware: 'yes',
  });
  if (referred.statusCode !== 303) throw new Error(`not referred: ${referred.statusCode}`);
  const referral = await t.deps.db
    .selectFrom('marac_referrals')
    .select(['id', 'reference'])
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return { caseId, caseUrl, referralId: referral.id, referralReference: referral.reference };
}

/** The form a coordinator posts to add a series (override any field). */
export function seriesForm(
  t: TestApp,
  over: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    name: 'City Community MARAC',
    code: 'CCM',
    type: 'ccm',
    scheduleKind: 'monthly',
    nth: '2',
    weekday: '2',
    startTime: '10:00',
    durationMinutes: '120',
    venue: 'Guildhall, Committee Room 2',
    confidentiality: 'confidential',
    protectiveMarking: 'OFFICIAL-SENSITIVE',
    termsOfReference: 'Multi-agency risk management of high-risk ASB victims; hot spots and emerging issues.',
    agendaCutoffDays: '5',
    minutesDeadlineDays: '3',
    minutesPerCase: '10',
    chairUserIds: [t.demo.users[DEMO.coordinator], t.demo.users[DEMO.policeOfficer]],
    memberAgencyIds: [t.demo.agencies.CoLP, t.demo.agencies.CoLC],
    memberUserIds: [],
    ...over,
  };
}
