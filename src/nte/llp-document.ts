import { formatLongDate } from '../platform/dates/index.js';
import { comparedTable, type PackDocument } from './document.js';
import type { LlpPack } from './llp-pack.js';

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

export function llpDocument(p: LlpPack): PackDocument {
  const n = p.compareMonths.length;
  return {
    title: p.title,
    subtitle: `${formatLongDate(`${p.month}-01`)} to the end of the month`,
    paragraphs: p.notes,
    sections: [
      {
        heading: 'Weekend noise and ASB complaints',
        paragraphs: [],
        tables: [
          comparedTable(
            'Weekend complaints this month',
            'Figure',
            p.weekendComplaints,
            'None.',
            `${n} months`,
          ),
        ],
      },
      {
        heading: 'Alcohol-related crime',
        paragraphs: [],
        tables: [
          comparedTable(
            'Alcohol-related crime this month',
            'Figure',
            p.alcoholRelated,
            'None.',
            `${n} months`,
          ),
        ],
      },
      {
        heading: 'Top premises under the Traffic Light Scheme',
        paragraphs: ['Points counting at the end of the month, and the entries that make them.'],
        tables: [
          {
            caption: 'Top premises by points',
            head: ['Premises', 'Colour', 'Points', 'Why'],
            rows: p.topPremises.map((x) => [x.name, cap(x.band), x.total, x.why.join('; ')]),
            empty: 'No premises has points counting.',
          },
        ],
      },
      {
        heading: 'Colour changes',
        paragraphs: [],
        tables: [
          {
            caption: 'Colour changes this month',
            head: ['Premises', 'From', 'To', 'On', 'Why'],
            rows: p.colourChanges.map((c) => [
              c.premises,
              cap(c.from),
              cap(c.to),
              formatLongDate(c.on),
              c.reason,
            ]),
            empty: 'No premises changed colour this month.',
          },
        ],
      },
    ],
  };
}
