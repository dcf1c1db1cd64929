import type { Rng } from '../../platform/module.js';

/** When each kind of ASB tends to be reported (hour of day and day of week, London time). */
export type TimePattern =
  'nte' | 'business' | 'construction' | 'residential' | 'daytime' | 'commute' | 'morning-found' | 'early';

const CATEGORY_PATTERN: Record<string, TimePattern> = {
  'noise-residential': 'residential',
  'noise-commercial': 'business',
  'noise-construction': 'construction',
  'noise-street': 'nte',
  'licensed-premises': 'nte',
  'street-drinking': 'daytime',
  'drug-use': 'daytime',
  'public-urination': 'nte',
  'aggressive-begging': 'daytime',
  'rough-sleeping': 'early',
  harassment: 'daytime',
  'vehicle-nuisance': 'nte',
  'cycling-walkways': 'commute',
  'walkway-bylaw': 'daytime',
  graffiti: 'morning-found',
  'fly-posting': 'morning-found',
  'litter-fly-tipping': 'morning-found',
};

export const patternOf = (category: string): TimePattern => CATEGORY_PATTERN[category] ?? 'daytime';

/** 0 = Sunday. For night hours (before 6am) the night belongs to the previous evening. */
function weight(pattern: TimePattern, dow: number, hour: number): number {
  const weekday = dow >= 1 && dow <= 5;
  const eveningDay = hour < 6 ? (dow + 6) % 7 : dow;
  switch (pattern) {
    case 'nte': {
      const h = hour >= 22 || hour <= 2 ? 1 : hour >= 19 || hour <= 4 ? 0.4 : 0.04;
      const d = eveningDay === 5 ? 1 : eveningDay === 6 ? 0.9 : eveningDay === 4 ? 0.65 : 0.25;
      return h * d;
    }
    case 'business':
      return weekday ? (hour >= 8 && hour <= 18 ? 1 : hour >= 19 && hour <= 23 ? 0.35 : 0.05) : 0.12;
    case 'construction':
      if (dow === 0) return 0.08;
      if (dow === 6) return hour >= 8 && hour <= 13 ? 0.45 : 0.05;
      return hour >= 7 && hour <= 18 ? 1 : hour >= 22 || hour <= 5 ? 0.15 : 0.05;
    case 'residential': {
      const h = hour >= 19 || hour <= 2 ? 1 : hour >= 3 && hour <= 7 ? 0.15 : 0.3;
      return h * (eveningDay === 5 || eveningDay === 6 ? 1.4 : 1);
    }
    case 'daytime':
      return hour >= 8 && hour <= 20 ? (weekday ? 1 : 0.6) : 0.12;
    case 'commute':
      return weekday
        ? (hour >= 7 && hour <= 9) || (hour >= 17 && hour <= 19)
          ? 1
          : hour >= 10 && hour <= 16
            ? 0.25
            : 0.05
        : 0.08;
    case 'morning-found':
      return hour >= 6 && hour <= 11
        ? dow === 6 || dow === 0
          ? 1.3
          : 1
        : hour >= 12 && hour <= 17
          ? 0.4
          : 0.05;
    case 'early':
      return hour >= 5 && hour <= 9 ? 1 : hour >= 20 ? 0.5 : 0.2;
  }
}

/** More going out in summer and in the run-up to Christmas; quieter in January. */
const MONTH_FACTOR = [0.75, 0.8, 0.9, 0.95, 1.0, 1.1, 1.15, 1.05, 1.0, 1.0, 1.05, 1.35];

const lastSundayUtc = (year: number, month: number) => {
  const d = new Date(Date.UTC(year, month + 1, 0, 1));
  return d.getTime() - d.getUTCDay() * 86_400_000;
};
const dstCache = new Map<number, [number, number]>();

/** London day of week, hour and month for a UTC time (BST: last Sunday of March to last Sunday of October, 01:00 UTC). */
export function londonParts(ms: number): { dow: number; hour: number; month: number } {
  const year = new Date(ms).getUTCFullYear();
  let dst = dstCache.get(year);
  if (!dst) dstCache.set(year, (dst = [lastSundayUtc(year, 2), lastSundayUtc(year, 9)]));
  const local = new Date(ms >= dst[0] && ms < dst[1] ? ms + 3_600_000 : ms);
  return { dow: local.getUTCDay(), hour: local.getUTCHours(), month: local.getUTCMonth() };
}

/** A report time in the year before `end`, drawn by rejection sampling against the pattern. */
export function sampleTime(rng: Rng, pattern: TimePattern, startMs: number, endMs: number): Date {
  for (let i = 0; i < 400; i++) {
    const t = startMs + rng.next() * (endMs - startMs);
    const london = londonParts(t);
    const w = weight(pattern, london.dow, london.hour) * MONTH_FACTOR[london.month];
    if (rng.next() * 1.6 < w) return new Date(t);
  }
  return new Date(startMs + rng.next() * (endMs - startMs));
}
