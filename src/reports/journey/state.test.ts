import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canVisit, firstMissing, londonToIso, nextStep, toNewReport, type JourneyAnswers } from './state.js';
import { parseTime, parseUkDateTime } from '../schemas.js';

const complete: JourneyAnswers = {
  category: 'graffiti',
  hate: 'no',
  where: {
    text: 'Cheapside',
    lat: 51.514,
    lng: -0.0935,
    precision: 'gazetteer',
    postcode: null,
    label: 'Cheapside',
    contexts: ['street'],
    chosenContexts: ['walkway'],
    typed: {},
  },
  when: { kind: 'ongoing', at: null, note: null, typed: {} },
  description: 'Tags',
  photosDone: true,
  about: { reporterKind: 'witness', identity: 'anonymous' },
};

describe('journey order', () => {
  it('names the first unanswered question and refuses pages beyond it', () => {
    assert.equal(firstMissing({}), 'what');
    assert.equal(firstMissing({ category: 'graffiti', hate: 'no' }), 'where');
    assert.equal(firstMissing(complete), null);
    assert.equal(canVisit({ category: 'graffiti', hate: 'no' }, 'where'), true);
    assert.equal(canVisit({ category: 'graffiti', hate: 'no' }, 'when'), false);
    assert.equal(canVisit(complete, 'about'), true);
  });
  it('goes to the next question, or back to the check page after a change', () => {
    assert.equal(nextStep({ category: 'x', hate: 'no' }, 'what', false), '/report/where');
    assert.equal(nextStep(complete, 'what', true), '/report/check');
    assert.equal(nextStep(complete, 'what', false), '/report/where');
    assert.equal(nextStep(complete, 'about', false), '/report/check');
  });
  it('turns the answers into a report; an anonymous reporter gives no details', () => {
    const r = toNewReport({
      ...complete,
      about: { reporterKind: 'victim', identity: 'anonymous', name: 'Should not be kept' },
    });
    assert.equal(r.reporter.anonymous, true);
    assert.equal(r.reporter.name, null);
    assert.deepEqual(r.location.contexts.sort(), ['street', 'walkway']);
    assert.throws(() => toNewReport({}));
  });
});

describe('dates and times as people type them', () => {
  it('reads London time across the clock change', () => {
    assert.equal(londonToIso(15, 1, 2026, '21:30'), '2026-01-15T21:30:00.000Z');
    assert.equal(londonToIso(15, 7, 2026, '21:30'), '2026-07-15T20:30:00.000Z');
    assert.equal(londonToIso(15, 7, 2026, undefined), '2026-07-14T23:00:00.000Z');
  });
  it('accepts 21:30, 9.30pm and 9pm, and refuses nonsense', () => {
    assert.deepEqual(parseTime('21:30'), [21, 30]);
    assert.deepEqual(parseTime('9.30pm'), [21, 30]);
    assert.deepEqual(parseTime('9pm'), [21, 0]);
    assert.deepEqual(parseTime('12am'), [0, 0]);
    assert.equal(parseTime('25:00'), null);
    assert.equal(parseTime('13pm'), null);
    assert.equal(parseTime('21'), null);
  });
  it('reads dd/mm/yyyy hh:mm for telephone intake', () => {
    assert.deepEqual(parseUkDateTime('28/11/2026 21:30'), { y: 2026, m: 11, d: 28, hh: 21, mm: 30 });
    assert.equal(parseUkDateTime('31/02/2026 10:00'), null);
    assert.equal(parseUkDateTime('2026-11-28'), null);
  });
});
