import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  normaliseAddress,
  normaliseGivenNames,
  normalisePhone,
  normalisePostcode,
  normaliseSurname,
  normaliseUprn,
  parseDob,
  prepareRecord,
} from './normalise.js';
import { areNicknames } from './nicknames.js';
import { jaroWinkler, levenshteinWithin } from './strings.js';

describe('phone normalisation (E.164, default region GB)', () => {
  const cases: [string, string | null][] = [
    ['07700 900123', '+447700900123'],
    ['07700-900-123', '+447700900123'],
    ['+44 7700 900123', '+447700900123'],
    ['0044 7700 900123', '+447700900123'],
    ['+44 (0)20 7946 0958', '+442079460958'],
    ['020 7946 0958', '+442079460958'],
    ['(0161) 496 0000', '+441614960000'],
    ['+1 415 555 2671', '+14155552671'],
    ['999', null],
    ['', null],
  ];
  for (const [raw, want] of cases)
    it(`${JSON.stringify(raw)} -> ${want}`, () => assert.equal(normalisePhone(raw), want));
});

describe('postcode normalisation', () => {
  it('formats UK postcodes and gives sector and district', () => {
    assert.deepEqual(normalisePostcode(' ec1a1bb '), {
      full: 'EC1A 1BB',
      uk: true,
      sector: 'EC1A 1',
      district: 'EC1',
    });
    assert.deepEqual(normalisePostcode('SW1A 2AA'), {
      full: 'SW1A 2AA',
      uk: true,
      sector: 'SW1A 2',
      district: 'SW1',
    });
  });
  it('keeps other postcodes as upper-case letters and digits', () => {
    assert.deepEqual(normalisePostcode('4011'), { full: '4011', uk: false, sector: '', district: '' });
    assert.equal(normalisePostcode('  '), null);
  });
});

describe('address normalisation', () => {
  it('expands abbreviations, reads "St" as street at the end and saint elsewhere', () => {
    const a = normaliseAddress(["Flat 3, 12 St. John's Rd", 'Islington'], null)!;
    assert.equal(a.address, 'flat 3 12 saint johns road islington');
    assert.equal(a.houseNumbers, '3 12');
    assert.equal(a.street, 'saint johns road');
    assert.equal(normaliseAddress(['5 High St'])!.address, '5 high street');
  });
  it('drops a postcode typed into the address', () => {
    assert.equal(normaliseAddress(['5 High Street EC1A 1BB'], 'EC1A 1BB')!.address, '5 high street');
  });
  it('gives null for no address', () => {
    assert.equal(normaliseAddress([' ', ''], null), null);
    assert.equal(normaliseAddress(null), null);
  });
});

describe('names, dates and UPRNs', () => {
  it('folds names, drops titles and accents', () => {
    assert.deepEqual(normaliseGivenNames('Mr  José-Luis'), ['jose', 'luis']);
    assert.deepEqual(normaliseSurname("O'Brien-Smith"), {
      surname: 'obriensmith',
      parts: ['o', 'brien', 'smith'],
    });
  });
  it('parses full and partial dates of birth', () => {
    assert.deepEqual(parseDob('1980-03-07'), { y: 1980, m: 3, d: 7 });
    assert.deepEqual(parseDob('19800307'), { y: 1980, m: 3, d: 7 });
    assert.deepEqual(parseDob('07/03/1980'), { y: 1980, m: 3, d: 7 });
    assert.deepEqual(parseDob('1980-03'), { y: 1980, m: 3, d: 0 });
    assert.deepEqual(parseDob('1980'), { y: 1980, m: 0, d: 0 });
    assert.equal(parseDob('unknown'), null);
  });
  it('strips formatting from UPRNs', () => {
    assert.equal(normaliseUprn('0010 0023 3362'), '1000233362');
  });
  it('scores how much identifying information a record holds', () => {
    assert.equal(prepareRecord({ id: '1', givenName: 'Ann' }, 0).information, 0.5);
    assert.equal(
      prepareRecord(
        { id: '1', givenName: 'Ann', surname: 'Lee', dob: '1990-01-02', phones: ['07700900123'] },
        0,
      ).information,
      3,
    );
  });
});

describe('string measures and nicknames', () => {
  it('computes Jaro-Winkler as published (MARTHA / MARHTA 0.961, DIXON / DICKSONX 0.813)', () => {
    assert.equal(jaroWinkler('martha', 'marhta').toFixed(3), '0.961');
    assert.equal(jaroWinkler('dixon', 'dicksonx').toFixed(3), '0.813');
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
  });
  it('bounds Levenshtein distance', () => {
    assert.equal(levenshteinWithin('kitten', 'sitting', 5), 3);
    assert.equal(levenshteinWithin('kitten', 'sitting', 1), 2);
  });
  it('knows UK nicknames both ways', () => {
    assert.ok(areNicknames('bill', 'william'));
    assert.ok(areNicknames('peggy', 'margaret'));
    assert.ok(areNicknames('ted', 'edward'));
    assert.ok(areNicknames('bob', 'rob'));
    assert.ok(!areNicknames('john', 'william'));
  });
});
