/**
 * The demo plan: the City's 2023 action plan with a status that follows each action's progress
 * text, a lead officer from the owning team, the progress dated across 2023 and quarterly boards.
 */
import fs from 'node:fs';
import type { DemoSeedContext } from '../platform/module.js';
import { UserRepository } from '../platform/auth/users.js';
import { newId } from '../platform/db/ids.js';
import { parseActionPlan } from './parse.js';
import { CITY_PLAN_FILE, PlanService } from './service.js';
import type { Rag } from './tables.js';

const RED = [
  /moved to later/i,
  /will commence/i,
  /would not have the resources/i,
  /require[s]? [^.]*approval/i,
];
const AMBER = [
  /\bwill\b/i,
  /\bplanning\b/i,
  /\bbeing\b/i,
  /\binitial\b/i,
  /\bis replacing\b/i,
  /\baims to\b/i,
];
const GREEN = [
  /\b(has|have) been (developed|rolled out|changed|produced|updated)\b/i,
  /\bin place\b/i,
  /\boperating daily\b/i,
  /\bco-located\b/i,
  /\bmaking use of\b/i,
  /\bcan be referred\b/i,
  /\bactively engaged\b/i,
];

const sentenceAround = (text: string, index: number) => {
  const start = Math.max(text.lastIndexOf('.', index) + 1, text.lastIndexOf('\n', index) + 1);
  const end = text.slice(index).search(/[.\n]/);
  const s = text.slice(start, end < 0 ? undefined : index + end).trim();
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
};

/** The status a progress text supports, with the sentence that says so: delayed red, done green, else amber. */
export function statusFromProgress(progress: string): { rag: Rag; reason: string } {
  for (const [rag, patterns] of [
    ['red', RED],
    ['amber', AMBER],
    ['green', GREEN],
  ] as const) {
    for (const p of patterns) {
      const m = p.exec(progress);
      if (m) return { rag, reason: sentenceAround(progress, m.index) };
    }
  }
  return { rag: 'amber', reason: 'Work continues' };
}

/** Owner team (as the plan writes it) -> the demo officer who leads its actions. */
const LEAD_FOR_TEAM: [RegExp, string][] = [
  [/\bBE\b/, 'estate.officer@demo.asbhub.example'],
  [/\bPP\b/, 'noise.officer@demo.asbhub.example'],
  [/\bCO\b/, 'cleansing.officer@demo.asbhub.example'],
  [/\bCCS\b/, 'officer@demo.asbhub.example'],
  [/\bTC\b/, 'coordinator@demo.asbhub.example'],
  [/CoLP/, 'police.officer@demo.asbhub.example'],
];

export const DEMO_BOARDS = ['2023-03-20', '2023-06-19', '2023-09-18'];

export async function seedPlanDemo({ deps, rng, partnershipId }: DemoSeedContext): Promise<void> {
  const plan = new PlanService(deps);
  const actions = parseActionPlan(fs.readFileSync(CITY_PLAN_FILE, 'utf8'));
  const created = await plan.load(partnershipId, 2023, actions, '2023-01-16T10:00:00.000Z');
  const users = new UserRepository(deps.db, deps.clock);
  const rows = await plan.repo.actions(created.id);
  const officers = new Map<string, { id: string; name: string } | undefined>();
  for (const [, email] of LEAD_FOR_TEAM) officers.set(email, await users.findByEmail(email));
  // On SQLite the transaction holds the only connection: everything inside goes through trx.
  await deps.db.transaction().execute(async (trx) => {
    for (const a of rows) {
      const lead = LEAD_FOR_TEAM.find(([re]) => re.test(a.owner));
      const officer = lead ? officers.get(lead[1]) : undefined;
      const day = rng.int(40, 340); // a day of 2023 between February and early December
      const at = new Date(
        Date.UTC(2023, 0, 1, 9 + rng.int(0, 7), rng.int(0, 59)) + day * 86_400_000,
      ).toISOString();
      const { rag, reason } = statusFromProgress(a.progress);
      const who = { user_id: officer?.id ?? null, user_name: officer?.name ?? null };
      await plan.repo.insertProgress(trx, [
        {
          id: newId(),
          partnership_id: partnershipId,
          action_id: a.id,
          note: a.progress,
          ...who,
          created_at: at,
        },
      ]);
      if (rag !== a.rag)
        await plan.repo.insertStatusChanges(trx, [
          {
            id: newId(),
            partnership_id: partnershipId,
            action_id: a.id,
            from_rag: a.rag,
            to_rag: rag,
            reason,
            ...who,
            changed_at: at,
          },
        ]);
      await plan.repo.updateAction(trx, a.id, {
        rag,
        rag_reason: reason,
        lead_officer_id: who.user_id,
        lead_officer_name: who.user_name,
        target_date: /2024/.test(a.progress) ? '2024-12-31' : '2023-12-31',
        updated_at: at,
      });
    }
    for (const metOn of DEMO_BOARDS)
      await plan.repo.insertBoard(
        {
          id: newId(),
          partnership_id: partnershipId,
          met_on: metOn,
          recorded_by: null,
          created_at: `${metOn}T17:00:00.000Z`,
        },
        trx,
      );
  });
}
