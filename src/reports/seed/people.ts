import { isValidPhoneNumber } from 'libphonenumber-js';
import type { Rng } from '../../platform/module.js';
import { PLACES, type Place } from '../geo/gazetteer.js';

/** Formal first names with the short forms people give on the phone. */
const GIVEN: [string, string[]][] = [
  ['William', ['Bill', 'Will', 'Billy']],
  ['Robert', ['Bob', 'Rob']],
  ['Margaret', ['Maggie', 'Peggy']],
  ['Elizabeth', ['Liz', 'Beth', 'Lizzie']],
  ['Katherine', ['Kate', 'Kathy']],
  ['James', ['Jim', 'Jimmy']],
  ['Richard', ['Rich', 'Ricky']],
  ['Michael', ['Mike', 'Mick']],
  ['Christopher', ['Chris']],
  ['Jennifer', ['Jen', 'Jenny']],
  ['Susan', ['Sue']],
  ['Thomas', ['Tom']],
  ['Edward', ['Ed', 'Ted']],
  ['Alexander', ['Alex']],
  ['Patricia', ['Pat', 'Trish']],
  ['Anthony', ['Tony']],
  ['Daniel', ['Dan', 'Danny']],
  ['Joseph', ['Joe']],
  ['Samuel', ['Sam']],
  ['Rebecca', ['Becky', 'Becca']],
  ['Victoria', ['Vicky']],
  ['Jonathan', ['Jon']],
  ['Matthew', ['Matt']],
  ['Andrew', ['Andy', 'Drew']],
  ['Stephen', ['Steve']],
  ['Deborah', ['Debbie', 'Deb']],
  ['Catherine', ['Cathy', 'Cat']],
  ['Nicholas', ['Nick']],
  ['Benjamin', ['Ben']],
  ['Frances', ['Fran']],
  ['Mohammed', ['Mohamed', 'Muhammad']],
  ['Priya', []],
  ['Aisha', ['Ayesha']],
  ['Olumide', ['Olu']],
  ['Chloe', []],
  ['Sofia', ['Sophia']],
  ['Wei', []],
  ['Hannah', []],
  ['Oliver', ['Ollie']],
  ['Amelia', ['Millie']],
  ['Fatima', []],
  ['Yusuf', []],
  ['Grace', []],
  ['Ewa', []],
  ['Tomasz', ['Tomek']],
  ['Siobhan', []],
  ['Niamh', []],
  ['Ravi', []],
  ['Deepa', []],
  ['Kwame', []],
  ['Adebayo', ['Bayo']],
  ['Zara', []],
  ['Isabella', ['Bella', 'Izzy']],
];

const SURNAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Patel',
  'Khan',
  'Ahmed',
  'Ali',
  'Begum',
  'Okafor',
  'Adeyemi',
  'Chen',
  'Wong',
  'Nowak',
  'Kowalski',
  "O'Brien",
  'McCarthy',
  'Murphy',
  'Singh',
  'Shah',
  'Hussain',
  'Mensah',
  'Osei',
  'Fernandes',
  'Silva',
  'Rossi',
  'Cohen',
  'Levy',
  'Goldberg',
  'Macdonald',
  'Campbell',
  'Stewart',
  'Hughes',
  'Edwards',
  'Ashworth',
  'Fitzgerald',
  'Pemberton',
  'Whitfield',
  'Harrington',
  'Okonkwo',
  'Chowdhury',
  'Lindqvist',
];

/** Postcodes (real formats in the City's districts) for the demo residents' addresses. */
const HOME_POSTCODES: Record<string, string[]> = {
  EC2Y: ['EC2Y 8DD', 'EC2Y 8BL', 'EC2Y 8AE', 'EC2Y 8BY', 'EC2Y 8NB', 'EC2Y 8DA'],
  EC1Y: ['EC1Y 0RN', 'EC1Y 0SH'],
  EC1A: ['EC1A 7BE', 'EC1A 4HD'],
  EC3N: ['EC3N 1HP'],
  EC4A: ['EC4A 3AL'],
  EC4Y: ['EC4Y 7BB'],
};

export interface DemoPerson {
  given: string;
  nicknames: string[];
  surname: string;
  phones: string[];
  /** When the person changed phone number (ms); before it they gave phones[0]. */
  phoneChangedAt: number | null;
  email: string | null;
  home: Place;
  address: string | null;
  postcode: string | null;
  /** The category this person complains about most. */
  concern: string;
  business: boolean;
}

const RESIDENT_CONCERNS = [
  'noise-residential',
  'noise-street',
  'noise-construction',
  'licensed-premises',
  'walkway-bylaw',
  'cycling-walkways',
  'harassment',
];
const WORKER_CONCERNS = [
  'aggressive-begging',
  'street-drinking',
  'public-urination',
  'rough-sleeping',
  'graffiti',
  'litter-fly-tipping',
  'drug-use',
  'fly-posting',
  'noise-commercial',
];

/** A mobile number libphonenumber accepts as valid (in an allocated range), so exact matching can use it; fictional people. */
function mobile(rng: Rng): string {
  for (;;) {
    const n = `${rng.pick(['07911', '07723', '07480', '07535', '07852', '07404', '07956', '07766'])} ${String(rng.int(100000, 999999))}`;
    if (isValidPhoneNumber(n, 'GB')) return n;
  }
}

export function makePeople(rng: Rng, count: number, startMs: number, endMs: number): DemoPerson[] {
  const residential = PLACES.filter(
    (p) =>
      p.kind === 'estate-block' ||
      p.contexts.includes('housing-estate') ||
      p.contexts.includes('barbican-estate'),
  );
  const people: DemoPerson[] = [];
  const seen = new Set<string>();
  while (people.length < count) {
    const [given, nicknames] = rng.pick(GIVEN);
    const surname = rng.pick(SURNAMES);
    if (seen.has(`${given} ${surname}`) && rng.chance(0.8)) continue;
    seen.add(`${given} ${surname}`);
    const resident = rng.chance(0.35);
    const business = !resident && rng.chance(0.25);
    const home = resident ? rng.pick(residential) : rng.pick(PLACES);
    const flat = resident ? `Flat ${rng.int(1, 180)}, ${home.name}` : null;
    const postcodes = HOME_POSTCODES[home.district];
    const phones = [mobile(rng)];
    const changes = rng.chance(0.25);
    if (changes) phones.push(mobile(rng));
    const mailName = `${given}.${surname}`.toLowerCase().replace(/[^a-z.]/g, '');
    people.push({
      given,
      nicknames,
      surname,
      phones,
      phoneChangedAt: changes ? startMs + rng.next() * (endMs - startMs) : null,
      email: rng.chance(0.7)
        ? `${rng.chance(0.3) ? mailName.replace('.', '') : mailName}${rng.chance(0.3) ? rng.int(1, 99) : ''}@${rng.pick(['example.com', 'example.org', 'example.net'])}`
        : null,
      home,
      address: flat ? `${flat}, London` : null,
      postcode: resident && postcodes ? rng.pick(postcodes) : null,
      concern: resident ? rng.pick(RESIDENT_CONCERNS) : rng.pick(WORKER_CONCERNS),
      business,
    });
  }
  return people;
}

function typo(rng: Rng, s: string): string {
  if (s.length < 4) return s;
  const i = rng.int(1, s.length - 2);
  const kind = rng.int(0, 2);
  if (kind === 0) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2); // swap
  if (kind === 1) return s.slice(0, i) + s.slice(i + 1); // drop
  return s.slice(0, i) + s[i] + s.slice(i); // double
}

function formatPhone(rng: Rng, phone: string): string {
  const digits = phone.replace(/\s/g, '');
  const f = rng.int(0, 3);
  if (f === 0) return phone;
  if (f === 1) return digits;
  if (f === 2) return `+44 ${digits.slice(1, 5)} ${digits.slice(5)}`;
  return `${digits.slice(0, 5)}-${digits.slice(5)}`;
}

/** How this person's details were written down this time: nicknames, typos, missing and changed details. */
export function render(rng: Rng, p: DemoPerson, atMs: number, channel: string) {
  let given = p.given;
  if (p.nicknames.length && rng.chance(channel === 'phone' ? 0.35 : 0.2)) given = rng.pick(p.nicknames);
  else if (rng.chance(0.05)) given = typo(rng, given);
  let surname = p.surname;
  if (rng.chance(0.06)) surname = typo(rng, surname);
  if (rng.chance(0.03)) surname = surname.toUpperCase();
  const phoneNow = p.phoneChangedAt && atMs > p.phoneChangedAt ? p.phones[1] : p.phones[0];
  const phone = rng.chance(channel === 'web' ? 0.45 : 0.1) ? null : formatPhone(rng, phoneNow);
  const email =
    p.email && rng.chance(channel === 'phone' ? 0.4 : 0.8)
      ? rng.chance(0.04)
        ? p.email.toUpperCase()
        : p.email
      : null;
  const withAddress = channel === 'phone' || channel === 'staff';
  return {
    givenName: rng.chance(0.03) ? null : given,
    surname: rng.chance(0.04) ? null : surname,
    phone,
    email,
    address: withAddress && rng.chance(0.7) ? p.address : null,
    postcode: withAddress && rng.chance(0.6) ? p.postcode : null,
  };
}
