/**
 * A pack as a plain document (headings, short paragraphs and tables) that the HTML page and the
 * PDF both draw, so the two always say the same thing.
 */
import { formatLongDate } from '../platform/dates/index.js';
import { londonTime } from '../platform/web/views.js';
import type { ComparedFigure } from './compare.js';
import type { WeekendPack } from './weekend-pack.js';

export type Cell = string | number | { text: string; change: 'up' | 'down' | 'same' };

export interface DocTable {
  caption: string;
  head: string[];
  rows: Cell[][];
  /** Shown instead of an empty table. */
  empty: string;
}

export interface DocSection {
  heading: string;
  paragraphs: string[];
  tables: DocTable[];
}

export interface PackDocument {
  title: string;
  subtitle: string;
  paragraphs: string[];
  sections: DocSection[];
}

const when = (iso: string) => londonTime(iso, 'EEEE d MMMM yyyy, HH:mm');

export function comparedTable(
  caption: string,
  first: string,
  rows: readonly ComparedFigure[],
  empty: string,
  periods: string,
): DocTable {
  return {
    caption,
    head: [first, 'This period', `Average of the ${periods} before`, 'Change'],
    rows: rows.map((r) => [r.label, r.count, r.average, { text: r.changeText, change: r.change }]),
    empty,
  };
}

export function weekendDocument(p: WeekendPack): PackDocument {
  const n = p.compareWith.length;
  const cmp = (
    caption: string,
    first: string,
    rows: readonly ComparedFigure[],
    empty = 'None this weekend or the weekends before.',
  ) => comparedTable(caption, first, rows, empty, `${n} weekends`);
  return {
    title: p.title,
    subtitle: `${when(p.window.from)} to ${when(p.window.to)} (London time)`,
    paragraphs: [
      `Each figure is compared with the average of the ${n} weekends before (from ${formatLongDate(p.compareWith.at(-1)?.friday ?? p.friday)}).`,
      ...p.notes,
    ],
    sections: [
      {
        heading: 'The weekend in figures',
        paragraphs: [],
        tables: [cmp('Headline figures', 'Figure', p.headline)],
      },
      {
        heading: 'Incidents by type',
        paragraphs: [],
        tables: [cmp('Reports and police incidents by type', 'Type', p.byType)],
      },
      { heading: 'Incidents by area', paragraphs: [], tables: [cmp('Incidents by area', 'Area', p.byArea)] },
      {
        heading: 'Incidents by hour of the night',
        paragraphs: ['Hours are London time.'],
        tables: [cmp('Incidents by hour', 'Hour', p.byHour)],
      },
      {
        heading: 'Noise complaints',
        paragraphs: [],
        tables: [cmp('Noise complaints by area', 'Area', p.noise)],
      },
      {
        heading: 'Licensed premises involved',
        paragraphs: ['Colour and points as the weekend ended; points added are those dated in the weekend.'],
        tables: [
          {
            caption: 'Premises with Traffic Light entries this weekend',
            head: ['Premises', 'Colour', 'Points now', 'Points added', 'Entries'],
            rows: p.premises.map((x) => [
              `${x.name}, ${x.address}`,
              x.band[0].toUpperCase() + x.band.slice(1),
              x.total,
              x.pointsAdded,
              x.items.map((i) => `${i.label} (${i.kind === 'credit' ? '-' : '+'}${i.points})`).join('; '),
            ]),
            empty: 'No premises had Traffic Light entries this weekend.',
          },
        ],
      },
      {
        heading: 'Repeat locations and callers',
        paragraphs: [
          'Places with two or more incidents this weekend, and people who reported two or more times (numbered, not named).',
        ],
        tables: [
          {
            caption: 'Repeat locations',
            head: ['Place', 'Incidents', 'Types'],
            rows: p.repeatLocations.map((l) => [l.label, l.count, l.types.join('; ')]),
            empty: 'No place had more than one incident.',
          },
          {
            caption: 'Repeat callers',
            head: ['Caller', 'Reports', 'References'],
            rows: p.repeatCallers.map((c) => [c.label, c.count, c.references.join(', ')]),
            empty: 'Nobody reported more than once.',
          },
        ],
      },
      {
        heading: 'Environmental jobs',
        paragraphs: [],
        tables: [
          cmp('Environmental jobs raised, by kind', 'Kind', p.environmental.raised),
          cmp('Environmental jobs cleared, by kind', 'Kind', p.environmental.cleared),
        ],
      },
    ],
  };
}
