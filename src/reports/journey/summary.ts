import type { ReferenceData } from '../reference.js';
import { REPORTER_KINDS } from '../service.js';
import { londonTime } from '../../platform/web/views.js';
import type { JourneyAnswers } from './state.js';

const HATE: Record<string, string> = { yes: 'Yes', no: 'No', 'not-sure': 'Not sure' };
const CONTACT: Record<string, string> = { email: 'By email', phone: 'By phone', none: 'Do not contact me' };

/** The rows of the check-your-answers page, each with its change link. */
export function summaryRows(a: JourneyAnswers, ref: ReferenceData) {
  const row = (key: string, text: string, href: string) => ({
    key: { text: key },
    value: { text: text || 'Not given' },
    actions: { items: [{ href: `${href}?change=1`, text: 'Change', visuallyHiddenText: key.toLowerCase() }] },
  });
  const contextLabels = (a.where?.chosenContexts ?? []).map(
    (c) => ref.contexts.find((x) => x.code === c)?.label ?? c,
  );
  const when =
    a.when?.kind === 'ongoing'
      ? 'It is still happening'
      : a.when?.kind === 'regular'
        ? `It happens regularly${a.when.note ? `: ${a.when.note}` : ''}`
        : a.when?.at
          ? londonTime(a.when.at, a.when.note === 'Time not given' ? 'd MMMM yyyy' : 'd MMMM yyyy, HH:mm')
          : '';
  const about = a.about!;
  const rows = [
    row('What happened', ref.category.get(a.category!)?.public_name ?? a.category!, '/report/what'),
    row('Motivated by hostility or prejudice', HATE[a.hate!] ?? '', '/report/what'),
    row(
      'Where',
      [
        a.where!.text || a.where!.label,
        a.where!.lat != null && a.where!.precision === 'pin' ? '(pin on map)' : '',
      ]
        .filter(Boolean)
        .join(' '),
      '/report/where',
    ),
  ];
  if (contextLabels.length) rows.push(row('About the place', contextLabels.join('; '), '/report/where'));
  rows.push(row('When', when, '/report/when'), row('Details', a.description!, '/report/details'));
  rows.push(
    row('Photos', (a.photos ?? []).map((p) => p.originalName).join(', ') || 'None', '/report/photos'),
  );
  rows.push(row('Reporting as', REPORTER_KINDS[about.reporterKind], '/report/about'));
  if (about.identity === 'anonymous')
    rows.push(row('Your details', 'Reporting anonymously', '/report/about'));
  else {
    rows.push(row('Name', about.name ?? '', '/report/about'));
    if (about.email) rows.push(row('Email', about.email, '/report/about'));
    if (about.phone) rows.push(row('Telephone', about.phone, '/report/about'));
    rows.push(row('Contact', CONTACT[about.contact ?? 'none'], '/report/about'));
  }
  return rows;
}
