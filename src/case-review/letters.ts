/**
 * The letters and emails an applicant (and the appeal body) receive, as plain text. They name
 * dates in full and never include other people's personal data.
 */
import { formatLongDate, type IsoDate } from '../platform/dates/calendar-date.js';
import type { ProcedureSettings } from './settings.js';

export interface LetterContext {
  reference: string;
  /** Who the letter is to (the applicant). */
  addressee: string;
  /** Named when the applicant applied on the victim's behalf. */
  victimName: string | null;
  procedure: ProcedureSettings;
}

export interface Letter {
  kind: string;
  subject: string;
  body: string;
}

const contactLine = (p: ProcedureSettings) =>
  [p.contactEmail && `email ${p.contactEmail}`, p.contactPhone && `call ${p.contactPhone}`]
    .filter(Boolean)
    .join(' or ');

function wrap(c: LetterContext, paragraphs: (string | false | null | undefined)[]): string {
  const contact = contactLine(c.procedure);
  return [
    `Dear ${c.addressee},`,
    ...paragraphs.filter((p): p is string => Boolean(p)),
    contact
      ? `If you have any questions, ${contact}, quoting ${c.reference}.`
      : `Please quote ${c.reference} if you contact us.`,
    'ASB Case Review coordinator',
  ].join('\n\n');
}

const about = (c: LetterContext) => (c.victimName ? ` on behalf of ${c.victimName}` : '');

export function receivedLetter(
  c: LetterContext,
  o: {
    heldForConsent: boolean;
    duplicateOf: string | null;
    acknowledgeBy: IsoDate | null;
    decisionBy: IsoDate | null;
  },
): Letter {
  return {
    kind: 'received',
    subject: `ASB Case Review application received: ${c.reference}`,
    body: wrap(c, [
      `Thank you for applying for an ASB Case Review${about(c)}. Your reference is ${c.reference}.`,
      o.duplicateOf &&
        `You have already applied about this problem (reference ${o.duplicateOf}). We have added this application to that one, so the partners will consider them together.`,
      o.heldForConsent
        ? `Because you applied on someone else’s behalf, we need their written consent before we can start. Ask them to sign a short note saying they agree to you applying for them, and send it to us quoting ${c.reference}. We will hold your application until it arrives.`
        : !o.duplicateOf &&
          o.acknowledgeBy &&
          `We will acknowledge your application by ${formatLongDate(o.acknowledgeBy)}${o.decisionBy ? ` and tell you by ${formatLongDate(o.decisionBy)} whether it meets the threshold for a review` : ''}.`,
    ]),
  };
}

export function acknowledgementLetter(
  c: LetterContext,
  o: { receivedOn: IsoDate; decisionBy: IsoDate; coordinator: string },
): Letter {
  return {
    kind: 'acknowledgement',
    subject: `ASB Case Review ${c.reference}: we have your application`,
    body: wrap(c, [
      `We acknowledge your application for an ASB Case Review${about(c)}, received on ${formatLongDate(o.receivedOn)}.`,
      `The partners (the council, the police, the local health board and the housing providers that take part) will look at the complaints made about the problem and decide by ${formatLongDate(o.decisionBy)} whether the threshold for a review is met. We will write to you with the decision and the reasons for it.`,
      `Your contact for this application is ${o.coordinator}.`,
    ]),
  };
}

export interface DecisionEvidence {
  counted: { label: string; complainedOn: IsoDate; agency: string }[];
  summary: string;
}

export function thresholdLetter(
  c: LetterContext,
  o: {
    met: boolean;
    reviewAnyway: boolean;
    reasons: string;
    evidence: DecisionEvidence;
    outcomeBy: IsoDate | null;
    appealBy: IsoDate | null;
  },
): Letter {
  const counted = o.evidence.counted.length
    ? `The complaints we counted were:\n${o.evidence.counted.map((x) => `- made on ${formatLongDate(x.complainedOn)} to ${x.agency}`).join('\n')}`
    : 'We did not find any complaints that count towards the threshold.';
  const review = o.met || o.reviewAnyway;
  return {
    kind: 'threshold-decision',
    subject: `ASB Case Review ${c.reference}: ${review ? 'a review will be held' : 'the threshold is not met'}`,
    body: wrap(c, [
      o.met
        ? `The threshold for an ASB Case Review is met. The partners will hold a review of how they have responded to the problem${about(c) ? `${about(c)}` : ''}.`
        : o.reviewAnyway
          ? 'The threshold for an ASB Case Review is not met, but the partners have decided to review the case anyway because of the persistence of the behaviour, the harm it causes or the response so far.'
          : 'The threshold for an ASB Case Review is not met, so a review will not be held.',
      `The reasons for the decision: ${o.reasons}`,
      counted,
      review
        ? `You, or the person affected, are welcome to come to the review panel or to send us a statement about how the behaviour has affected you. We will write to you with the outcome${o.outcomeBy ? ` by ${formatLongDate(o.outcomeBy)}` : ''}.`
        : `If you are not happy with this decision you can ask ${c.procedure.appealBody} to look at it again${o.appealBy ? ` by ${formatLongDate(o.appealBy)}` : ''}. Tell us and we will pass your request on. You can still report any new incident in the usual way.`,
    ]),
  };
}

export function invitationLetter(
  c: LetterContext,
  o: { panelOn: IsoDate | null; statementBy: IsoDate | null },
): Letter {
  return {
    kind: 'invitation',
    subject: `ASB Case Review ${c.reference}: you are invited to the review`,
    body: wrap(c, [
      o.panelOn
        ? `The review panel will meet on ${formatLongDate(o.panelOn)}. You are welcome to attend to tell the panel about the problem and how it affects you, and to bring someone to support you.`
        : 'The partners are arranging the review panel. You are welcome to attend to tell the panel about the problem and how it affects you.',
      `If you would rather not attend, you can send a written statement about the impact the behaviour has had${o.statementBy ? ` by ${formatLongDate(o.statementBy)}` : ''}.`,
      'Tell us if you need any support to take part, for example an interpreter or an accessible room.',
    ]),
  };
}

export function outcomeLetter(
  c: LetterContext,
  o: {
    summary: string;
    recommendations: { text: string; owner: string; dueOn: IsoDate }[];
    noRecommendationsReason: string | null;
    appealBy: IsoDate;
  },
): Letter {
  const recs = o.recommendations.length
    ? `The panel recommended:\n${o.recommendations.map((r, i) => `${i + 1}. ${r.text} (${r.owner}, by ${formatLongDate(r.dueOn)})`).join('\n')}\n\nWe will follow these up and tell you how they are going.`
    : `The panel did not make any recommendations. ${o.noRecommendationsReason ?? ''}`.trim();
  return {
    kind: 'outcome',
    subject: `ASB Case Review ${c.reference}: the outcome of the review`,
    body: wrap(c, [
      `The partners have reviewed how they responded to the problem${about(c)}.`,
      o.summary,
      recs,
      `If you are not happy with how the review was carried out, you can ask ${c.procedure.appealBody} to look at it again. Tell us by ${formatLongDate(o.appealBy)} and we will pass your request on.`,
    ]),
  };
}

export function appealReceivedLetter(c: LetterContext, o: { decisionBy: IsoDate }): Letter {
  return {
    kind: 'appeal-received',
    subject: `ASB Case Review ${c.reference}: your appeal`,
    body: wrap(c, [
      `We have received your appeal and passed it to ${c.procedure.appealBody}.`,
      `They will tell you their decision by ${formatLongDate(o.decisionBy)}.`,
    ]),
  };
}

export function appealReferralMessage(
  c: LetterContext,
  o: { grounds: string; requestedOn: IsoDate; decisionBy: IsoDate },
): Letter {
  return {
    kind: 'appeal-referral',
    subject: `ASB Case Review appeal: ${c.reference}`,
    body: [
      `An applicant has appealed against the handling of ASB Case Review ${c.reference} (appeal made ${formatLongDate(o.requestedOn)}).`,
      `Grounds given: ${o.grounds}`,
      `The procedure asks for a decision by ${formatLongDate(o.decisionBy)}. The coordinator will send you the application, the threshold decision and the review papers.`,
    ].join('\n\n'),
  };
}

export function appealDecisionLetter(c: LetterContext, o: { upheld: boolean; reasons: string }): Letter {
  return {
    kind: 'appeal-decision',
    subject: `ASB Case Review ${c.reference}: the appeal decision`,
    body: wrap(c, [
      `${c.procedure.appealBody.charAt(0).toUpperCase()}${c.procedure.appealBody.slice(1)} has considered your appeal.`,
      o.upheld
        ? 'Your appeal is upheld. The partners will review the case again and write to you with the outcome.'
        : 'Your appeal is not upheld.',
      `The reasons: ${o.reasons}`,
    ]),
  };
}

export function consentReceivedLetter(c: LetterContext, o: { acknowledgeBy: IsoDate }): Letter {
  return {
    kind: 'consent-received',
    subject: `ASB Case Review ${c.reference}: consent received`,
    body: wrap(c, [
      `We have received the victim’s written consent for your application, so we can now start. We will acknowledge your application by ${formatLongDate(o.acknowledgeBy)}.`,
    ]),
  };
}
