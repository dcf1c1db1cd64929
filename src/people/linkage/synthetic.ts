import { parseNicknameTable } from './nicknames.js';
import { seededRandom } from './random.js';
import type { PersonRecord } from './types.js';
import fs from 'node:fs';

// Synthetic UK people with the errors different teams make when typing the same person:
// typos, nicknames, swapped names, date slips, changed or missing phones, moves, missing fields.

const GIVEN = `oliver george harry jack jacob noah charlie muhammad thomas oscar william james leo alfie henry
joshua freddie archie ethan isaac alexander joseph edward samuel max daniel arthur lucas mohammed logan
theo harrison benjamin mason sebastian finley adam dylan zachary riley teddy theodore david elijah jake toby
louie reuben arlo hugo luca jaxon matthew harvey reggie michael tommy jenson frankie ronnie liam mark paul
andrew richard robert stephen peter christopher anthony kevin gary craig darren lee scott stuart john
olivia amelia isla ava emily isabella mia poppy ella lily sophia sophie grace evie charlotte jessica
ruby daisy freya alice florence chloe phoebe scarlett matilda ivy millie sienna rosie elsie harper
eleanor imogen lucy layla willow esme maisie emma hannah sarah laura rebecca amy rachel lauren katie
jennifer elizabeth margaret susan karen helen nicola julie tracey michelle claire catherine victoria
patricia deborah joanne kelly natalie samantha gemma zoe abigail megan bethany jade leah caitlin`.split(
  /\s+/,
);

const SURNAMES =
  `smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson
wright walker white edwards hughes green hall lewis harris clarke patel jackson wood turner martin cooper
hill ward morris moore clark lee king baker harrison morgan allen james scott phillips watson davis parker
price bennett young griffiths mitchell kelly cook carter richardson bailey collins bell shaw murphy miller
cox richards khan marshall anderson simpson ellis adams singh begum wilkinson foster chapman powell webb
rogers gray mason ali hunt hussain campbell matthews owen palmer holmes mills barnes knight lloyd butler
russell barker fisher stevens jenkins murray dixon harvey graham pearson ahmed fletcher walsh kaur gibson
howard andrews stewart elliott reynolds saunders payne fox ford pearce day brooks west lawrence cole atkinson
bradley spencer gill dawson ball burton obrien watts rose booth perry ryan grant wells armstrong francis
rees hayes hart hudson newman barrett webster hunter gregory carr lowe page marsh riley dennis farmer
weston-smith oconnor macdonald mcdonald fitzgerald odonnell okafor nowak kowalski silva costa rahman
chowdhury miah uddin islam akhtar iqbal mahmood shah hassan yilmaz nguyen chen wang zhang li`.split(/\s+/);

const STREETS = `high church station victoria park london mill main queens kings new albert manor grange
north south west east chapel school green springfield windsor york richmond mount alexandra broadway
cromwell beech oak elm ash willow cedar maple rose meadow orchard priory abbey castle bridge river market
hill st johns st marys princes stanley clarence regent trinity holly lime birch hawthorn`.split(/\s+/);
const STREET_TYPES = [
  'street',
  'road',
  'avenue',
  'lane',
  'close',
  'drive',
  'crescent',
  'gardens',
  'way',
  'place',
  'grove',
  'terrace',
];
const TOWNS =
  `london birmingham manchester leeds liverpool sheffield bristol newcastle nottingham leicester coventry
bradford hull stoke wolverhampton derby southampton portsmouth plymouth reading luton northampton norwich
york cambridge oxford brighton exeter ipswich peterborough swindon`.split(/\s+/);
const OUTWARD =
  `EC1A EC2M EC3N EC4V E1 E2 E14 N1 N7 NW1 SE1 SW1A SW9 W1 W2 WC1 WC2 B1 B15 M1 M14 LS1 LS6 L1 L8 S1 S10
BS1 BS8 NE1 NG1 LE1 CV1 BD1 HU1 ST1 WV1 DE1 SO14 PO1 PL1 RG1 LU1 NN1 NR1 YO1 CB1 OX1 BN1 EX1 IP1 PE1 SN1`.split(
    /\s+/,
  );
const DOMAINS = ['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk', 'icloud.com', 'btinternet.com'];
const INCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

interface Person {
  given: string;
  surname: string;
  dob: [number, number, number];
  phone: string;
  email: string;
  house: number;
  street: string;
  town: string;
  postcode: string;
  uprn: string;
}

/** Picks with a Zipf-like skew so a few names are common, as in real registers. */
function zipfPicker<T>(items: readonly T[], rnd: () => number): () => T {
  const weights = items.map((_, i) => 1 / (i + 1) ** 0.5);
  const total = weights.reduce((a, b) => a + b, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const w of weights) cum.push((acc += w / total));
  return () => {
    const x = rnd();
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo];
  };
}

export interface SyntheticOptions {
  records: number;
  seed?: number;
  /** Mean records per person (the rest are duplicates typed by other teams). */
  recordsPerPerson?: number;
}

export interface SyntheticSet {
  records: PersonRecord[];
  /** Person number per record (the truth). */
  truth: string[];
}

/** Generates synthetic UK person records with known truth. */
export function syntheticPeople(options: SyntheticOptions): SyntheticSet {
  const rnd = seededRandom(options.seed ?? 42);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const pickGiven = zipfPicker(GIVEN, rnd);
  const pickSurname = zipfPicker(SURNAMES, rnd);
  const pickTown = zipfPicker(TOWNS, rnd);
  const nick = parseNicknameTable(fs.readFileSync(new URL('./nicknames.txt', import.meta.url), 'utf8'));
  const byGroup = new Map<number, string[]>();
  for (const [name, ids] of nick)
    for (const id of ids) (byGroup.get(id) ?? byGroup.set(id, []).get(id)!).push(name);
  const nicknameOf = (g: string) => {
    const ids = nick.get(g);
    if (!ids) return g;
    const options = byGroup.get(pick(ids))!.filter((n) => n !== g);
    return options.length ? pick(options) : g;
  };
  const typo = (s: string) => {
    if (s.length < 3) return s;
    const i = int(1, s.length - 2);
    const r = rnd();
    if (r < 0.3) return s.slice(0, i) + s.slice(i + 1);
    if (r < 0.6) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
    if (r < 0.8) return s.slice(0, i) + String.fromCharCode(97 + int(0, 25)) + s.slice(i + 1);
    return s.slice(0, i) + s[i] + s.slice(i);
  };
  const cap = (s: string) =>
    s.replace(/(^|[\s-])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
  const newPhone = () => `07${int(100, 999)}${int(100000, 999999)}`;
  const newAddress = (p: Partial<Person>) => {
    p.house = int(1, 180);
    p.street = `${pick(STREETS)} ${pick(STREET_TYPES)}`;
    p.town = pickTown();
    p.postcode = `${pick(OUTWARD)} ${int(1, 9)}${pick([...INCODE_LETTERS])}${pick([...INCODE_LETTERS])}`;
    p.uprn = String(int(10_000_000, 99_999_999_999));
  };
  const newPerson = (): Person => {
    const p: Partial<Person> = {
      given: pickGiven(),
      surname: pickSurname(),
      dob: [int(1940, 2010), int(1, 12), int(1, 28)],
      phone: newPhone(),
    };
    p.email = `${p.given}${pick(['.', '', '_'])}${p.surname}${rnd() < 0.9 ? int(1, 9999) : ''}@${pick(DOMAINS)}`;
    newAddress(p);
    return p as Person;
  };
  const formatPhone = (p: string) => {
    const r = rnd();
    if (r < 0.4) return p;
    if (r < 0.7) return `${p.slice(0, 5)} ${p.slice(5)}`;
    return `+44 ${p.slice(1, 5)} ${p.slice(5)}`;
  };
  const formatDob = ([y, m, d]: [number, number, number]) =>
    `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

  const records: PersonRecord[] = [];
  const truth: string[] = [];
  const perPerson = options.recordsPerPerson ?? 1.6;
  let personNo = 0;
  while (records.length < options.records) {
    const person = newPerson();
    const id = String(personNo++);
    let copies = 1;
    while (rnd() < 1 - 1 / perPerson && copies < 12) copies++;
    for (let c = 0; c < copies && records.length < options.records; c++) {
      const p: Person = { ...person, dob: [...person.dob] };
      let given = p.given;
      let surname = p.surname;
      let dob: string | null = formatDob(p.dob);
      if (c > 0) {
        if (rnd() < 0.15) given = nicknameOf(given);
        if (rnd() < 0.12) given = typo(given);
        if (rnd() < 0.1) surname = typo(surname);
        if (rnd() < 0.03) [given, surname] = [surname, given];
        const d = rnd();
        if (d < 0.05) dob = formatDob([p.dob[0], p.dob[2], p.dob[1]]);
        else if (d < 0.12) dob = formatDob([p.dob[0] + pick([-1, 1]), p.dob[1], p.dob[2]]);
        else if (d < 0.17) dob = formatDob([p.dob[0], p.dob[1], Math.min(28, p.dob[2] + 1)]);
        else if (d < 0.27) dob = null;
        else if (d < 0.3) dob = String(p.dob[0]);
        if (rnd() < 0.2) p.phone = newPhone();
        if (rnd() < 0.15) newAddress(p);
      }
      const r: PersonRecord = {
        id: `r${records.length}`,
        givenName: rnd() < 0.03 ? null : rnd() < 0.05 ? given[0].toUpperCase() : cap(given),
        surname: rnd() < 0.02 ? null : rnd() < 0.3 ? surname.toUpperCase() : cap(surname),
        dob,
        phones: rnd() < 0.35 ? [] : [formatPhone(p.phone)],
        email: rnd() < 0.55 ? null : p.email,
        addressLines:
          rnd() < 0.25
            ? null
            : [`${p.house} ${cap(p.street)}`.replace(/ Street$/, rnd() < 0.5 ? ' St' : ' Street')],
        postcode: rnd() < 0.3 ? null : rnd() < 0.5 ? p.postcode.replace(' ', '').toLowerCase() : p.postcode,
        uprn: rnd() < 0.7 ? null : p.uprn,
        city: rnd() < 0.4 ? null : cap(p.town),
      };
      records.push(r);
      truth.push(id);
    }
  }
  // Shuffle so duplicates are not next to each other.
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [records[i], records[j]] = [records[j], records[i]];
    [truth[i], truth[j]] = [truth[j], truth[i]];
  }
  return { records, truth };
}
