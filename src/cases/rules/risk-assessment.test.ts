import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_QUESTIONNAIRE,
  maxScore,
  needsMaracReferral,
  riskSettingsSchema,
  scoreRiskAssessment,
  type RiskAssessmentInput,
} from './risk-assessment.js';

/** Lowest answer to every default question, with the given answers over it. */
function answers(over: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(DEFAULT_QUESTIONNAIRE.map((q) => [q.id, q.options[0].value])), ...over };
}

function score(input: Partial<RiskAssessmentInput> & { answers: Record<string, string> }, settings = {}) {
  const r = scoreRiskAssessment({ assessedOn: '2026-04-01', ...input }, settings);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  return r.result;
}

// Scores 31 with the default questions.
const THIRTY_ONE = {
  'repeat-targeting': 'daily', // 6
  'personally-targeted': 'yes', // 4
  'threats-violence': 'threats', // 3
  'property-damage': 'yes', // 2
  'unsafe-at-home': 'afraid', // 6
  health: 'serious', // 4
  sleep: 'most-nights', // 3
  'daily-life': 'major', // 3
};

describe('risk assessment scoring', () => {
  it('scores no harm as standard, reassessed in 28 days, with no MARAC referral', () => {
    const r = score({ answers: answers() });
    assert.equal(r.score, 0);
    assert.equal(r.band, 'standard');
    assert.equal(r.reassessBy, '2026-04-29');
    assert.equal(r.needsMaracReferral, false);
    assert.deepEqual(r.vulnerabilityFactors, []);
    assert.equal(r.answers.length, DEFAULT_QUESTIONNAIRE.length);
  });

  it('treats 31 as medium and 32 (over 31) as high, as the London scheme does', () => {
    const medium = score({ answers: answers(THIRTY_ONE) });
    assert.equal(medium.score, 31);
    assert.equal(medium.band, 'medium');
    assert.equal(medium.reassessBy, '2026-04-15');
    assert.match(medium.explanation, /^Score 31 of 57: medium risk \(16 to 31 is medium\)$/);

    const high = score({ answers: answers({ ...THIRTY_ONE, isolation: 'somewhat' }) });
    assert.equal(high.score, 32);
    assert.equal(high.band, 'high');
    assert.equal(high.needsMaracReferral, true);
    assert.equal(needsMaracReferral(high), true);
    assert.equal(high.reassessBy, '2026-04-08');
    assert.match(high.explanation, /32 or more is high.*Community MARAC/);
  });

  it('puts 15 in standard and 16 in medium', () => {
    const fifteen = {
      'repeat-targeting': 'daily',
      'personally-targeted': 'yes',
      health: 'serious',
      sleep: 'sometimes',
    };
    assert.equal(score({ answers: answers(fifteen) }).score, 15);
    assert.equal(score({ answers: answers(fifteen) }).band, 'standard');
    const sixteen = score({ answers: answers({ ...fifteen, isolation: 'somewhat' }) });
    assert.equal(sixteen.score, 16);
    assert.equal(sixteen.band, 'medium');
  });

  it('reaches the maximum with every highest answer', () => {
    const all = Object.fromEntries(
      DEFAULT_QUESTIONNAIRE.map((q) => [q.id, [...q.options].sort((a, b) => b.score - a.score)[0].value]),
    );
    const r = score({ answers: all });
    assert.equal(r.score, 57);
    assert.equal(r.maxScore, 57);
    assert.equal(maxScore(riskSettingsSchema.parse({}).questionnaire), 57);
  });

  it('lists the vulnerability factors present', () => {
    const r = score({
      answers: answers({ age: '65-plus', disability: 'yes', isolation: 'yes', hate: 'unsure' }),
    });
    assert.deepEqual(r.vulnerabilityFactors, ['Hate motivation', 'Age', 'Disability', 'Isolation']);
  });

  it('lets professional judgement raise the band, never lower it, with a reason', () => {
    const raised = score({
      answers: answers(),
      professionalJudgement: { band: 'high', reason: 'Perpetrator has a knife conviction' },
    });
    assert.equal(raised.band, 'high');
    assert.equal(raised.scoreBand, 'standard');
    assert.equal(raised.raisedByJudgement, true);
    assert.equal(raised.needsMaracReferral, true);
    assert.match(
      raised.explanation,
      /raised to high by professional judgement: Perpetrator has a knife conviction/,
    );

    const notLowered = score({
      answers: answers({ ...THIRTY_ONE, isolation: 'yes' }),
      professionalJudgement: { band: 'standard', reason: 'x' },
    });
    assert.equal(notLowered.band, 'high');
    assert.equal(notLowered.raisedByJudgement, false);

    const r = scoreRiskAssessment({
      answers: answers(),
      assessedOn: '2026-04-01',
      professionalJudgement: { band: 'high', reason: ' ' },
    });
    assert.ok(!r.ok);
    assert.equal(r.errors[0].field, 'professionalJudgement.reason');
  });
});

describe('risk assessment validation', () => {
  it('names the question that is unanswered, wrongly answered or unknown', () => {
    const a: Record<string, string> = answers({ sleep: 'always', colour: 'blue' });
    delete a.health;
    const r = scoreRiskAssessment({ answers: a, assessedOn: '2026-04-31' });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => e.field),
      ['answers.colour', 'answers.health', 'answers.sleep', 'assessedOn'],
    );
    assert.equal(r.errors[1].message, 'Answer “Has it affected the victim’s physical or mental health?”');
    assert.match(
      r.errors[2].message,
      /^Choose one of the answers for “Is the victim’s sleep affected\?” \(No, Sometimes, Most nights\)/,
    );
    assert.match(r.errors[0].message, /“colour” is not a question/);
  });

  it('takes a local questionnaire, bands and reassessment periods, and skips optional questions left blank', () => {
    const settings = {
      questionnaire: [
        {
          id: 'repeat',
          text: 'Repeat?',
          factor: 'Repeat targeting',
          options: [
            { value: 'n', label: 'No', score: 0 },
            { value: 'y', label: 'Yes', score: 5 },
          ],
        },
        {
          id: 'note',
          text: 'Any other concern?',
          required: false,
          options: [
            { value: 'n', label: 'No', score: 0 },
            { value: 'y', label: 'Yes', score: 5 },
          ],
        },
      ],
      mediumFrom: 3,
      highFrom: 5,
      reassessDays: { high: 3 },
    };
    const r = score({ answers: { repeat: 'y' } }, settings);
    assert.equal(r.band, 'high');
    assert.equal(r.reassessBy, '2026-04-04');
    assert.deepEqual(r.vulnerabilityFactors, ['Repeat targeting']);
    assert.equal(r.answers.length, 1);
  });

  it('refuses settings that cannot work, naming the setting', () => {
    const overlap = riskSettingsSchema.safeParse({ mediumFrom: 32, highFrom: 32 });
    assert.deepEqual(overlap.error?.issues[0].path, ['highFrom']);
    const unreachable = riskSettingsSchema.safeParse({ highFrom: 58 });
    assert.match(unreachable.error!.issues[0].message, /highest possible score is 57/);
    const dupe = riskSettingsSchema.safeParse({
      questionnaire: [DEFAULT_QUESTIONNAIRE[0], DEFAULT_QUESTIONNAIRE[0]],
    });
    assert.match(dupe.error!.issues[0].message, /appears twice/);
  });
});
