import { it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseActionPlan } from './parse.js';

it('reads every numbered action of the City plan with its theme and owner', () => {
  const source = fs.readFileSync(path.join(import.meta.dirname, 'data', 'action-plan-2023.txt'), 'utf8');
  const actions = parseActionPlan(source);
  const numbers = actions.map((a) => a.number);
  assert.deepEqual(numbers, [...Array.from({ length: 27 }, (_, i) => i + 1), 29]);
  const byNumber = new Map(actions.map((a) => [a.number, a]));
  assert.equal(byNumber.get(1)!.theme, 'Comms');
  assert.equal(byNumber.get(7)!.theme, 'Reporting');
  assert.equal(byNumber.get(10)!.theme, 'Support');
  assert.equal(byNumber.get(24)!.theme, 'Process');
  assert.equal(byNumber.get(4)!.owner, 'CoLC CCS');
  assert.match(byNumber.get(4)!.title, /ASB Case Review/);
  assert.ok(actions.every((a) => a.progress.length > 0 && !a.progress.includes('<p>')));
});

it('skips rows that are not numbered actions', () => {
  const rows = [
    'Action\tOwner\tStatus\tImpact',
    '\t\t\t',
    'Data 11. Share data\tPP\t<p>Going</p>\tBetter',
  ].join('\n');
  assert.deepEqual(parseActionPlan(rows), [
    { number: 11, theme: 'Data', title: 'Share data', owner: 'PP', progress: 'Going', impact: 'Better' },
  ]);
});
