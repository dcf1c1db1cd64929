/**
 * Victim risk assessments: the partnership's questionnaire and bands (versioned settings, the
 * default from rules/risk-assessment.ts until changed), scoring, the case's "assess" transition,
 * reassessment dates and the history of every assessment.
 */
import { newId } from '../platform/db/ids.js';
import {
  riskSettingsSchema,
  scoreRiskAssessment,
  type RiskBand,
  type RiskSettings,
  type RiskSettingsInput,
  type RiskAssessmentResult,
} from './rules/risk-assessment.js';
import type { Actor, Trx } from './context.js';
import type { CaseService, Errors, Result } from './service.js';
import { CaseWorkflowService } from './workflow-service.js';
import { RiskRepository } from './risk-repository.js';

export interface AssessInput {
  partyId: string | null;
  assessedOn: string;
  answers: Record<string, string>;
  judgementBand: RiskBand | null;
  judgementReason: string | null;
  notes: string | null;
}

export class RiskService {
  readonly repo: RiskRepository;
  private readonly workflow: CaseWorkflowService;

  constructor(private readonly cases: CaseService) {
    this.repo = new RiskRepository(cases.ctx.deps.db);
    this.workflow = new CaseWorkflowService(cases);
  }

  /** The partnership's current questionnaire and bands. */
  async settings(
    partnershipId: string,
  ): Promise<{ id: string | null; version: number; settings: RiskSettings }> {
    const row = await this.repo.active(partnershipId);
    if (!row) return { id: null, version: 0, settings: riskSettingsSchema.parse({}) };
    return {
      id: row.id,
      version: row.version,
      settings: riskSettingsSchema.parse(JSON.parse(row.definition)),
    };
  }

  /** The active questionnaire's id, storing the default as version 1 the first time. */
  private async activeId(trx: Trx, partnershipId: string): Promise<string> {
    const row = await this.repo.active(partnershipId, trx);
    if (row) return row.id;
    const id = newId();
    await this.repo.insertQuestionnaire(trx, {
      id,
      partnership_id: partnershipId,
      name: 'Victim risk assessment',
      version: 1,
      definition: JSON.stringify(riskSettingsSchema.parse({})),
      active: 1,
      created_at: this.cases.ctx.deps.clock.iso(),
      created_by: null,
    });
    return id;
  }

  async updateSettings(actor: Actor, input: RiskSettingsInput): Promise<Result<{ version: number }>> {
    const parsed = riskSettingsSchema.safeParse(input);
    if (!parsed.success) {
      const errors: Errors = {};
      for (const i of parsed.error.issues) {
        const field = i.path[0] === 'questionnaire' ? 'questionnaire' : i.path.map(String).join('-');
        if (!errors[field])
          errors[field] = i.path[0] === 'questionnaire' ? `Questionnaire: ${i.message}` : i.message;
      }
      return { ok: false, errors };
    }
    const pid = actor.user.partnershipId;
    const current = await this.settings(pid);
    const version = current.version + 1;
    await this.cases.ctx.transaction(async (trx) => {
      const id = newId();
      await this.repo.insertQuestionnaire(trx, {
        id,
        partnership_id: pid,
        name: 'Victim risk assessment',
        version,
        definition: JSON.stringify(parsed.data),
        active: 1,
        created_at: this.cases.ctx.deps.clock.iso(),
        created_by: actor.user.id,
      });
      await this.cases.ctx.record(
        actor,
        'settings.risk-questionnaire',
        { type: 'risk-questionnaire', id },
        { version, mediumFrom: parsed.data.mediumFrom, highFrom: parsed.data.highFrom },
        trx,
      );
    });
    return { ok: true, value: { version } };
  }

  async assess(
    actor: Actor,
    caseId: string,
    input: AssessInput,
  ): Promise<Result<{ result: RiskAssessmentResult; banner: string; assessmentId: string }>> {
    const { c } = await this.cases.guard.open(actor, caseId, 'manage');
    const { settings } = await this.settings(c.partnership_id);
    const errors: Errors = {};
    if (input.partyId) {
      const p = await this.cases.repo.party(input.partyId);
      if (!p || p.case_id !== caseId || p.removed_at)
        errors.partyId = 'Choose the person assessed from the list';
    }
    if (input.assessedOn && input.assessedOn > this.cases.ctx.today())
      errors.assessedOn = 'The date of the assessment must be today or in the past';
    const scored = scoreRiskAssessment(
      {
        answers: input.answers,
        assessedOn: input.assessedOn,
        professionalJudgement: input.judgementBand
          ? { band: input.judgementBand, reason: input.judgementReason ?? '' }
          : null,
      },
      settings,
    );
    if (!scored.ok) {
      for (const e of scored.errors) {
        const field = e.field.startsWith('answers.')
          ? `answers-${e.field.slice(8)}`
          : e.field === 'professionalJudgement.reason'
            ? 'judgementReason'
            : e.field;
        if (!errors[field]) errors[field] = e.message;
      }
    }
    if (Object.keys(errors).length || !scored.ok) return { ok: false, errors };
    const result = scored.result;
    const assessmentId = newId();
    const outcome = await this.workflow.applyTo(
      actor,
      c,
      'assess',
      { on: result.assessedOn, riskBand: result.band },
      async (trx) => {
        await this.repo.insertAssessment(trx, {
          id: assessmentId,
          partnership_id: c.partnership_id,
          case_id: caseId,
          party_id: input.partyId,
          questionnaire_id: await this.activeId(trx, c.partnership_id),
          answers: JSON.stringify(input.answers),
          score: result.score,
          band: result.band,
          breakdown: JSON.stringify({
            answers: result.answers,
            maxScore: result.maxScore,
            scoreBand: result.scoreBand,
            raisedByJudgement: result.raisedByJudgement,
            judgementReason: result.raisedByJudgement ? input.judgementReason : null,
            vulnerabilityFactors: result.vulnerabilityFactors,
            explanation: result.explanation,
          }),
          assessed_on: result.assessedOn,
          reassess_due_on: result.reassessBy,
          notes: input.notes,
          assessed_by: actor.user.id,
          created_at: this.cases.ctx.deps.clock.iso(),
        });
        await this.cases.ctx.record(
          actor,
          'case.risk-assessed',
          { type: 'case', id: caseId },
          { assessmentId, score: result.score, band: result.band },
          trx,
        );
      },
    );
    if (!outcome.ok) {
      const errs: Errors = {};
      for (const [k, v] of Object.entries(outcome.errors)) errs[k === 'on' ? 'assessedOn' : k] = v;
      return { ok: false, errors: errs };
    }
    return { ok: true, value: { result, banner: outcome.value.banner, assessmentId } };
  }

  /** Every assessment of the case, newest first; answers withheld unless the access includes sensitive fields. */
  async history(actor: Actor, caseId: string) {
    const { c, access } = await this.cases.guard.open(actor, caseId, 'read');
    const rows = await this.repo.assessments(caseId);
    await this.cases.ctx.record(
      actor,
      'case.viewed',
      { type: 'case', id: caseId },
      { page: 'risk', mode: access.mode },
    );
    return {
      c,
      access,
      assessments: rows.map((r) => ({
        ...r,
        breakdown: access.sensitive
          ? (JSON.parse(r.breakdown) as {
              answers: { question: string; answer: string; score: number }[];
              maxScore: number;
              explanation: string;
              vulnerabilityFactors: string[];
              raisedByJudgement: boolean;
              judgementReason: string | null;
            })
          : null,
        notes: access.sensitive ? r.notes : null,
      })),
    };
  }

  /** For the meetings module: open cases whose latest assessment is due for review by `by`, optionally of one band. No need-to-know applied. */
  async reviewsDue(partnershipId: string, by: string, band?: string) {
    const rows = await this.repo.reassessmentsDue(partnershipId, null, by);
    return band ? rows.filter((r) => r.band === band) : rows;
  }
}
