import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { COMPARISONS, K, compareRecords, dateDigitsDifferent } from './comparisons.js';
import { prepareRecord } from './normalise.js';
import { clusterRecords } from './cluster.js';
import { linkAll, trainModel } from './link.js';
import { DEFAULT_THRESHOLDS, MIN_M_DIFFERENT, patternKey, patternOf } from './train.js';
import { LinkageIndex } from './linkage-index.js';
import { syntheticPeople } from './synthetic.js';
import { evaluateClusters } from './evaluate/metrics.js';
import type { LinkageModel, PersonRecord } from './types.js';

/** A hand-set model: agreement levels favour a match, "different" levels count against. */
function handModel(): LinkageModel {
  return {
    version: 1,
    comparisons: COMPARISONS.map((c) => ({
      name: c.name,
      tfAdjusted: c.tfAdjusted,
      levels: c.levels.map((label, l) => {
        const n = c.levels.length;
        if (l === 0) return { label, m: 0.7, u: 0.01 };
        if (l === n - 1) return { label, m: 0.05, u: 0.95 };
        return { label, m: 0.25 / (n - 2), u: 0.001 };
      }),
    })),
    matchesPerRecord: 1,
    linkProbability: 0.9,
    possibleProbability: 0.2,
    minInformation: 1.5,
    minMeanProbability: 0.5,
    trainedOn: { records: 0, candidatePairs: 0, emIterations: 0, converged: true },
  };
}

const level = (model: LinkageModel, comparison: string, label: string) => {
  const c = model.comparisons.find((x) => x.name === comparison)!;
  return c.levels.find((l) => l.label === label)!;
};

describe('a hand-worked pair: William Smith vs Bill Smith, day and month transposed', () => {
  const model = handModel();
  const others: PersonRecord[] = [
    { id: 'w', givenName: 'William', surname: 'Smith', dob: '1980-03-07', postcode: 'EC1A 1BB' },
    { id: 'x', givenName: 'Ann', surname: 'Smith', dob: '1991-11-20' },
    { id: 'y', givenName: 'Omar', surname: 'Khan', dob: '1975-05-05' },
    { id: 'z', givenName: 'Joan', surname: 'Smith', dob: '1962-01-30' },
  ];
  const index = LinkageIndex.build(model, others);
  const bill: PersonRecord = {
    id: 'b',
    givenName: 'Bill',
    surname: 'SMITH',
    dob: '1980-07-03',
    postcode: 'ec1a1bb',
  };
  const e = index.explain(bill, 'w');
  const field = (name: string) => e.fields.find((f) => f.comparison === name)!;

  it('gets the expected level for each field', () => {
    assert.equal(field('given_name').level, 'nickname or other given name');
    assert.equal(field('surname').level, 'exact');
    assert.equal(field('date_of_birth').level, 'day and month transposed');
    assert.equal(field('postcode').level, 'exact');
    assert.equal(field('email').level, 'missing');
    assert.equal(field('email').weight, 0);
  });

  it('weighs each field by log2(m/u), exact agreement by how common the value is', () => {
    const nick = level(model, 'given_name', 'nickname or other given name');
    assert.equal(field('given_name').weight, Math.log2(nick.m / nick.u));
    const dob = level(model, 'date_of_birth', 'day and month transposed');
    assert.equal(field('date_of_birth').weight, Math.log2(dob.m / dob.u));
    // "smith" is 3 of the 4 indexed surnames.
    assert.equal(field('surname').termFrequency, 3 / 4);
    assert.equal(field('surname').weight, Math.log2(level(model, 'surname', 'exact').m / (3 / 4)));
  });

  it('totals the prior and the field weights, and turns the total into a probability', () => {
    const sum = e.fields.reduce((s, f) => s + f.weight, 0);
    assert.ok(Math.abs(e.matchWeight - (e.priorWeight + sum)) < 1e-9);
    assert.ok(Math.abs(e.probability - 2 ** e.matchWeight / (1 + 2 ** e.matchWeight)) < 1e-12);
    assert.equal(e.priorWeight, Math.log2(1 / 4 / (1 - 1 / 4)));
  });

  it('finds William as the person for Bill', () => {
    const found = index.match(bill);
    assert.equal(found[0].personId, 'w');
    assert.equal(found[0].explanation.b, 'w');
  });
});

/** The level label of each comparison for a pair of records ('missing' when a side lacks it). */
function levelsOf(a: PersonRecord, b: PersonRecord): Record<string, string> {
  const out = new Int8Array(K);
  compareRecords(prepareRecord(a, 0), prepareRecord(b, 1), out);
  return Object.fromEntries(COMPARISONS.map((c, k) => [c.name, out[k] < 0 ? 'missing' : c.levels[out[k]]]));
}

describe('comparison levels for common typing errors (hand-worked pairs)', () => {
  it('counts a mistyped decade and day as two digits different, not ten years apart', () => {
    assert.equal(dateDigitsDifferent({ y: 1974, m: 10, d: 5 }, { y: 1984, m: 10, d: 3 }), 2);
    assert.equal(
      levelsOf({ id: 'a', dob: '1974-10-05' }, { id: 'b', dob: '1984-10-03' }).date_of_birth,
      'at most two digits different',
    );
    assert.equal(
      levelsOf({ id: 'a', dob: '1974-10-05' }, { id: 'b', dob: '1974-10-06' }).date_of_birth,
      'one of day, month, year differs',
    );
    assert.equal(
      levelsOf({ id: 'a', dob: '1999-12-26' }, { id: 'b', dob: '2000-01-26' }).date_of_birth,
      'within a month',
    );
    assert.equal(
      levelsOf({ id: 'a', dob: '2013-10-15' }, { id: 'b', dob: '2023-11-14' }).date_of_birth,
      'within ten years',
    );
  });

  it('sees a mistyped email user name as similar, and a different one as different', () => {
    const e = (x: string, y: string) => levelsOf({ id: 'a', email: x }, { id: 'b', email: y }).email;
    assert.equal(
      e('oc34@phelps-harper.biz', 'oc34r@phelp.-harpersbiz'),
      'user name within two edits (same digits)',
    );
    assert.equal(e('anna.k@example.com', 'anna.kk@example.com'), 'within two edits (same digits)');
    assert.equal(e('anna.k@example.com', 'anna.k@mail.net'), 'same user name');
    assert.equal(e('anna.k@example.com', 'zed99@mail.net'), 'different');
  });

  it('finds a name in the email user name of a record that has no name', () => {
    const l = levelsOf(
      { id: 'a', dob: '2010-12-25', email: 'muhammadp5@example.com' },
      { id: 'b', givenName: 'Muhammad', surname: 'Patterson', dob: '2000-12-27' },
    );
    assert.equal(l.given_name, "in the other's email user name");
    assert.equal(l.surname, 'missing');
    assert.equal(l.date_of_birth, 'at most two digits different');
    const short = (user: string) =>
      levelsOf({ id: 'a', email: `${user}@example.com` }, { id: 'b', givenName: 'Ian' }).given_name;
    assert.equal(short('ian.smith'), "in the other's email user name");
    assert.equal(short('brian.smith'), 'missing');
    const both = levelsOf(
      { id: 'a', givenName: 'Mo', email: 'muhammadp5@example.com' },
      { id: 'b', givenName: 'Muhammad' },
    );
    assert.equal(both.given_name, 'different');
  });

  it('counts dates of birth up to ten calendar years apart as within ten years', () => {
    assert.equal(
      levelsOf({ id: 'a', dob: '2007-09-13' }, { id: 'b', dob: '2017-10-11' }).date_of_birth,
      'within ten years',
    );
    assert.equal(
      levelsOf({ id: 'a', dob: '2007-09-13' }, { id: 'b', dob: '2018-01-11' }).date_of_birth,
      'different',
    );
  });

  it('compares names across fields when they are swapped, even with a typo on one side', () => {
    const swapped = levelsOf(
      { id: 'a', givenName: 'Kaur', surname: 'Harley' },
      { id: 'b', givenName: 'Harley', surname: 'Kra' },
    );
    assert.equal(swapped.surname, 'exact');
    assert.equal(swapped.given_name, 'sounds alike');
    const oneSide = levelsOf(
      { id: 'a', givenName: 'Webb', surname: 'Logan' },
      { id: 'b', givenName: 'Lonan' },
    );
    assert.equal(oneSide.surname, 'similar (JW >= 0.80) or same letters');
    assert.equal(oneSide.given_name, 'missing');
    const clean = levelsOf(
      { id: 'a', givenName: 'Ferguson', surname: 'Logan' },
      { id: 'b', givenName: 'Logan', surname: 'Ferguson' },
    );
    assert.equal(clean.given_name, 'swapped with surname');
    assert.equal(clean.surname, 'exact');
    const unrelated = levelsOf(
      { id: 'a', givenName: 'Mary', surname: 'Jones' },
      { id: 'b', givenName: 'Jones', surname: 'Peters' },
    );
    assert.equal(unrelated.given_name, 'different');
  });
});

describe('a small hand-worked cluster with typing errors', () => {
  it('links swapped names, a mistyped decade and a mistyped email into one person', () => {
    const filler = syntheticPeople({ records: 40, seed: 9 }).records;
    const records: PersonRecord[] = [
      ...filler,
      {
        id: 'a',
        givenName: 'Thomas',
        surname: 'Greenway',
        dob: '1974-10-05',
        email: 'thomas.gw@example.org',
      },
      { id: 'b', givenName: 'Greenway', surname: 'Thomas', dob: '1984-10-03' },
      {
        id: 'c',
        givenName: 'Thoams',
        surname: 'Greenway',
        dob: '1974-10-05',
        email: 'thomas.gww@example.org',
      },
      { id: 'd', surname: 'Greenway', dob: '1974-10-05', email: 'thomas.gw@example.org' },
    ];
    const result = linkAll(records, [], { model: handModel() });
    const cluster = result.clusters.find((c) => c.includes('a'))!;
    assert.deepEqual([...cluster].sort(), ['a', 'b', 'c', 'd']);
  });

  it('refuses a model trained with other comparison levels', () => {
    const stale = handModel();
    stale.comparisons[2].levels.pop();
    assert.throws(() => linkAll([{ id: 'x', givenName: 'Ann' }], [], { model: stale }), /train it again/);
  });
});

describe('EM level patterns', () => {
  it('keeps every level of every comparison distinct in a pattern key', () => {
    const levels = Int8Array.from(COMPARISONS, (c, k) => (k % 2 ? c.levels.length - 1 : -1));
    assert.deepEqual([...patternOf(patternKey(levels, 0, []))], [...levels]);
    const last = Int8Array.from(COMPARISONS, (c) => c.levels.length - 1);
    assert.deepEqual([...patternOf(patternKey(last, 0, []))], [...last]);
  });
});

describe('bands and staff decisions', () => {
  const model = handModel();
  it('never links a record with nearly nothing filled in automatically', () => {
    const filler = syntheticPeople({ records: 30, seed: 3 }).records;
    const index = LinkageIndex.build(model, [
      { id: 'a', givenName: 'Zebedee', surname: 'Quigley' },
      ...filler,
    ]);
    const found = index.match({ id: 'n', givenName: 'Zebedee', surname: 'Quigley' });
    assert.equal(found[0].personId, 'a');
    assert.ok(found[0].probability >= model.linkProbability);
    assert.equal(found[0].band, 'possible');
    assert.match(found[0].explanation.note ?? '', /too little identifying information/);
  });

  it('lets confirmed and rejected pairs override the model', () => {
    const records: PersonRecord[] = [
      ...syntheticPeople({ records: 30, seed: 5 }).records,
      { id: '1', givenName: 'Mary', surname: 'Jones', dob: '1970-02-02', phones: ['07700 900001'] },
      { id: '2', givenName: 'Mary', surname: 'Jones', dob: '1970-02-02', phones: ['07700900001'] },
      { id: '3', givenName: 'Peter', surname: 'Brown', dob: '1955-09-09', email: 'pb@example.com' },
      { id: '4', givenName: 'Sunita', surname: 'Patel', dob: '1988-12-12', email: 'sp@example.com' },
    ];
    const sameCluster = (r: ReturnType<typeof linkAll>, a: string, b: string) =>
      r.clusters.some((c) => c.includes(a) && c.includes(b));
    const plain = linkAll(records, [], { model });
    assert.ok(sameCluster(plain, '1', '2'));
    assert.ok(!sameCluster(plain, '3', '4'));
    const decided = linkAll(
      records,
      [
        { a: '1', b: '2', decision: 'rejected' },
        { a: '3', b: '4', decision: 'confirmed' },
      ],
      { model },
    );
    assert.ok(!sameCluster(decided, '1', '2'));
    assert.ok(sameCluster(decided, '3', '4'));
    assert.equal(decided.clusters.flat().length, records.length);
  });
});

describe('clustering does not chain unrelated people', () => {
  const comparable = () => true;
  it('keeps two contradicting records apart even when both link strongly to a third', () => {
    const w = (i: number, j: number) => ([i, j].includes(1) ? 30 : -30);
    const out = clusterRecords({
      n: 3,
      edges: [
        { i: 0, j: 1, weight: 30 },
        { i: 1, j: 2, weight: 29 },
      ],
      weight: w,
      comparable,
      confirmed: [],
      rejected: [],
      minMeanProbability: 0.5,
    });
    assert.equal(out.clusterOf[0], out.clusterOf[1]);
    assert.notEqual(out.clusterOf[2], out.clusterOf[0]);
  });
  for (const [p, longest] of [
    [0.5, 2],
    [DEFAULT_THRESHOLDS.minMeanProbability, 3],
  ]) {
    it(`does not make a giant cluster from a chain of single links (coherence ${p}: at most ${longest})`, () => {
      const n = 50;
      const edges = Array.from({ length: n - 1 }, (_, i) => ({ i, j: i + 1, weight: 20 }));
      const out = clusterRecords({
        n,
        edges,
        weight: (i, j) => (Math.abs(i - j) === 1 ? 20 : -20),
        comparable,
        confirmed: [],
        rejected: [],
        minMeanProbability: p,
      });
      const sizes = new Map<number, number>();
      for (const c of out.clusterOf) sizes.set(c, (sizes.get(c) ?? 0) + 1);
      assert.ok(Math.max(...sizes.values()) <= longest);
    });
  }
  it('merges a group whose records agree with one another', () => {
    const out = clusterRecords({
      n: 4,
      edges: [
        { i: 0, j: 1, weight: 9 },
        { i: 2, j: 3, weight: 9 },
        { i: 1, j: 2, weight: 8 },
      ],
      weight: () => 5,
      comparable,
      confirmed: [],
      rejected: [],
      minMeanProbability: 0.5,
    });
    assert.equal(new Set(out.clusterOf).size, 1);
  });
});

describe('training without labels and incremental matching on synthetic UK people', () => {
  const set = syntheticPeople({ records: 2500, seed: 11 });
  const held = set.records.slice(2000);
  const records = set.records.slice(0, 2000);
  const truth = set.truth.slice(0, 2000);
  const model = trainModel(records);
  const result = linkAll(records, [], { model });

  it('learns that agreement is evidence for a match and disagreement against', () => {
    for (const c of model.comparisons) {
      if (c.levels.every((l) => l.m === l.u)) continue;
      const exact = c.levels[0];
      const different = c.levels[c.levels.length - 1];
      assert.ok(exact.m > exact.u, `${c.name} exact`);
      assert.ok(different.m < different.u, `${c.name} different`);
      assert.ok(different.m >= MIN_M_DIFFERENT - 1e-12, `${c.name} different is never near-impossible`);
    }
    const truePartners =
      [...new Set(truth)].reduce((s, t) => {
        const k = truth.filter((x) => x === t).length;
        return s + k * (k - 1);
      }, 0) / truth.length;
    assert.ok(
      Math.abs(model.matchesPerRecord - truePartners) / truePartners < 0.5,
      `matchesPerRecord ${model.matchesPerRecord} vs ${truePartners}`,
    );
  });

  it('links the synthetic set accurately', () => {
    const clusterOf = new Map<string, string>();
    result.clusters.forEach((c, i) => c.forEach((id) => clusterOf.set(id, String(i))));
    const s = evaluateClusters(
      records.map((r) => clusterOf.get(r.id)!),
      truth,
    );
    assert.ok(s.pairs.precision >= 0.97, `precision ${s.pairs.precision}`);
    assert.ok(s.pairs.recall >= 0.9, `recall ${s.pairs.recall}`);
  });

  it('matches new records to the right person', () => {
    const clusterOf = new Map<string, string>();
    result.clusters.forEach((c) => c.forEach((id) => clusterOf.set(id, c[0])));
    const index = LinkageIndex.build(model, records, clusterOf);
    const truthOf = new Map(set.records.map((r, i) => [r.id, set.truth[i]]));
    let expected = 0;
    let right = 0;
    let wrong = 0;
    for (const q of held) {
      const person = truthOf.get(q.id)!;
      const inIndex = records.some((r) => truthOf.get(r.id) === person);
      const top = index.match(q)[0];
      if (inIndex) expected++;
      if (top?.band === 'link') {
        const topTruth = truthOf.get([...clusterOf].find(([, p]) => p === top.personId)![0]);
        if (topTruth === person) right++;
        else wrong++;
      }
    }
    assert.ok(right >= 0.8 * expected, `${right} of ${expected} linked`);
    assert.ok(wrong <= 0.02 * held.length, `${wrong} wrong links`);
  });
});
