import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32 } from '../nearrepeat/random.js';
import { OccurrenceCounter, RowKeys } from './row-keys.js';

describe('row keys', () => {
  it('counts occurrences of many strings exactly, across table growth', () => {
    const counter = new OccurrenceCounter();
    const rng = mulberry32(4);
    const ids = Array.from({ length: 20_000 }, (_, i) => `${i.toString(16)}-${Math.floor(rng() * 1e9)}`);
    const expected = new Map<string, number>();
    for (let round = 0; round < 3; round++) {
      for (const id of ids) {
        if (rng() < 0.5) continue;
        const n = (expected.get(id) ?? 0) + 1;
        expected.set(id, n);
        assert.equal(counter.bump(id), n);
      }
    }
  });

  it('counts per month', () => {
    const keys = new RowKeys();
    assert.equal(
      keys.keyFor('id1', '2024-01', () => []),
      'id1',
    );
    assert.equal(
      keys.keyFor('id1', '2024-01', () => []),
      'id1~2',
    );
    assert.equal(
      keys.keyFor('id1', '2024-02', () => []),
      'id1',
    );
    const a = keys.keyFor(null, '2024-01', () => ['x']);
    const b = keys.keyFor(null, '2024-01', () => ['x']);
    assert.match(a, /^h:[0-9a-f]{40}:1$/);
    assert.equal(b, a.replace(/:1$/, ':2'));
  });
});
