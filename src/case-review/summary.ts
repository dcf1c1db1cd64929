/** The check-your-answers rows of an application, and the same answers for staff pages. */
import { AGENCIES, APPLICANT_KINDS, CONTACT_METHODS, SUPPORT_NEEDS, VICTIM_TYPES } from './labels.js';
import { monthWords } from './form-dates.js';
import type { ApplyAnswers } from './journey.js';
import { stepUrl, type Step } from './journey.js';

type Row = {
  key: { text: string };
  value: { text: string };
  actions?: { items: { href: string; text: string; visuallyHiddenText: string }[] };
};

export function reportedText(r: {
  agencyName: string;
  firstReported: string | null;
  lastReported: string | null;
  references: string | null;
}): string {
  const when =
    r.firstReported && r.lastReported && r.firstReported !== r.lastReported
      ? `from ${monthWords(r.firstReported)} to ${monthWords(r.lastReported)}`
      : r.firstReported || r.lastReported
        ? `in ${monthWords(r.firstReported ?? r.lastReported)}`
        : 'dates not given';
  return `${r.agencyName}: ${when}${r.references ? `; references ${r.references}` : ''}`;
}

export function answerRows(a: ApplyAnswers): Row[] {
  const row = (key: string, text: string, step: Step): Row => ({
    key: { text: key },
    value: { text: text || 'Not given' },
    actions: {
      items: [{ href: `${stepUrl(step)}?change=1`, text: 'Change', visuallyHiddenText: key.toLowerCase() }],
    },
  });
  const self = a.applicantKind === 'victim';
  const v = a.victim!;
  const c = a.contact!;
  const p = a.problem!;
  const rows: Row[] = [
    row('Applying as', APPLICANT_KINDS[a.applicantKind!], 'who'),
    row('Who is affected', VICTIM_TYPES[a.victimType!], 'victim-type'),
  ];
  if (v.organisation)
    rows.push(row(a.victimType === 'business' ? 'Business' : 'Community group', v.organisation, 'victim'));
  rows.push(
    row(
      self ? 'Your name' : a.victimType === 'person' ? 'Name of the person affected' : 'Contact name',
      v.name,
      'victim',
    ),
  );
  if (!self) {
    rows.push(
      row(
        'Their contact details',
        [v.address, v.postcode, v.email, v.phone].filter(Boolean).join(', '),
        'victim',
      ),
    );
    rows.push(
      row(
        'Their consent',
        a.consent?.method === 'uploaded'
          ? `Uploaded: ${a.consent.file?.originalName ?? ''}`
          : 'To follow: the application will be held until it arrives',
        'consent',
      ),
    );
  }
  rows.push(
    row('What has been happening', p.description, 'what'),
    row('Where', [p.location, p.postcode].filter(Boolean).join(', '), 'what'),
    row('When it started', monthWords(p.startedMonth) || 'Not given', 'what'),
    row(
      'Because of who they are (hate)',
      p.hateRelated ? `Yes${p.hateDetails ? `: ${p.hateDetails}` : ''}` : 'No',
      'what',
    ),
    row(
      'Reported to',
      a.reported!.length ? a.reported!.map(reportedText).join('. ') : 'Not reported to anyone yet',
      'reported',
    ),
  );
  if (c.applicant) {
    rows.push(
      row('Your name', c.applicant.name, 'contact'),
      row(
        'How you know the victim',
        [c.applicant.relationship, c.applicant.organisation].filter(Boolean).join(', '),
        'contact',
      ),
    );
  }
  rows.push(
    row('Email', c.email ?? '', 'contact'),
    row('Telephone', c.phone ?? '', 'contact'),
    row('Address', [c.address, c.postcode].filter(Boolean).join(', '), 'contact'),
    row('How to contact you', CONTACT_METHODS[c.method], 'contact'),
    row(
      'Support needs',
      [...c.supportNeeds.map((n) => SUPPORT_NEEDS[n]), c.supportDetails].filter(Boolean).join('; ') || 'None',
      'contact',
    ),
  );
  return rows;
}

export const agencyItems = () => Object.entries(AGENCIES).map(([value, text]) => ({ value, text }));
