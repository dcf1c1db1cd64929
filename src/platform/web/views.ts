import path from 'node:path';
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';
import { format } from 'date-fns';
import { TZDate } from '@date-fns/tz';

const require = createRequire(import.meta.url);
const govukDir = path.dirname(require.resolve('govuk-frontend/package.json'));
const mojDir = path.dirname(require.resolve('@ministryofjustice/frontend/package.json'));

export const assetDirs = {
  govuk: path.join(govukDir, 'dist', 'govuk'),
  moj: path.join(mojDir, 'moj'),
  leaflet: path.dirname(require.resolve('leaflet/package.json')),
  markercluster: path.dirname(require.resolve('leaflet.markercluster/package.json')),
};

export const LONDON = 'Europe/London';

/** Shows a stored UTC time in Europe/London. */
export function londonTime(iso: string | null | undefined, pattern = 'd MMMM yyyy, HH:mm'): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return format(new TZDate(d, LONDON), pattern);
}

export function createViewEnvironment(viewsDir = path.resolve('views')): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([viewsDir, path.join(govukDir, 'dist'), mojDir], {
      noCache: process.env.NODE_ENV === 'development',
    }),
    { autoescape: true, throwOnUndefined: false },
  );
  env.addFilter('londonDateTime', (iso: string) => londonTime(iso));
  env.addFilter('londonDate', (iso: string) => londonTime(iso, 'd MMMM yyyy'));
  env.addFilter('shortDate', (iso: string) => londonTime(iso, 'd MMM yyyy'));
  // The MoJ components' date filters, in Europe/London (their own use the server's zone).
  env.addFilter('mojDate', (iso: string, type: string) =>
    type === 'datetime'
      ? londonTime(iso, "d MMMM yyyy 'at' h:mmaaa")
      : type === 'shortdate'
        ? londonTime(iso, 'd MMM yyyy')
        : londonTime(iso, 'd MMMM yyyy'),
  );
  env.addFilter('date', (iso: string) => londonTime(iso, 'd MMMM yyyy'));
  env.addFilter('json', (v: unknown) => JSON.stringify(v));
  env.addFilter('number', (v: number, digits = 0) =>
    typeof v === 'number'
      ? v.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
      : v,
  );
  // Turns {field: message} into the items the GOV.UK error summary expects.
  env.addFilter('errorList', (errors: Record<string, string> | undefined) =>
    Object.entries(errors ?? {}).map(([field, text]) => ({ text, href: `#${field}` })),
  );
  env.addFilter('fieldError', (errors: Record<string, string> | undefined, field: string) =>
    errors?.[field] ? { text: errors[field] } : undefined,
  );
  // Items for radios/checkboxes/selects from [{value,text}] with the chosen value(s) marked.
  env.addFilter(
    'withChosen',
    (items: { value: string; text: string }[], chosen: string | string[] | undefined) =>
      items.map((i) => ({
        ...i,
        checked: Array.isArray(chosen) ? chosen.includes(i.value) : chosen === i.value,
        selected: Array.isArray(chosen) ? chosen.includes(i.value) : chosen === i.value,
      })),
  );
  return env;
}
