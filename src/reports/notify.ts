import type { Executor } from '../platform/audit/service.js';
import { queueMessage, type OutgoingMessage } from '../platform/notifications.js';
import type { Clock } from '../platform/db/clock.js';
import { toE164 } from '../people/service.js';

const describeHours = (h: number) => (h <= 48 ? `${h} hours` : `${Math.round(h / 24)} days`);

export interface AcknowledgementInput {
  partnershipId: string;
  reportId: string;
  reference: string;
  baseUrl: string;
  categoryName: string;
  teamNames: string[];
  slaHours: number;
  email: string | null;
  phone: string | null;
  /** The phone number in E.164 form when the caller has it already (undefined: work it out). */
  phoneE164?: string | null;
  preference: string;
  caseReviewPrompt?: boolean;
  /** Sent with the reference: the two together follow the report online. */
  trackingCode?: string;
}

/** The reporter's acknowledgement, by the contact route they chose; none for anonymous reports. */
export async function queueAcknowledgement(
  db: Executor,
  clock: Clock,
  m: AcknowledgementInput,
): Promise<string | null> {
  const message = acknowledgementMessage(m);
  return message ? queueMessage(db, clock, message) : null;
}

/** The acknowledgement message itself (null when the reporter cannot be contacted). */
export function acknowledgementMessage(m: AcknowledgementInput): OutgoingMessage | null {
  const track = `${m.baseUrl}/report/track`;
  if (m.preference === 'email' && m.email) {
    return {
      partnershipId: m.partnershipId,
      channel: 'email',
      recipient: m.email,
      template: 'report-acknowledgement',
      subject: `We have received your report ${m.reference}`,
      body: [
        `Thank you for reporting ${m.categoryName.toLowerCase()}.`,
        `Your reference is ${m.reference}.`,
        `We have passed it to: ${m.teamNames.join(', ')}. We aim to respond within ${describeHours(m.slaHours)}.`,
        m.trackingCode
          ? `Your tracking code is ${m.trackingCode}. You can follow your report at ${track} with your reference and this tracking code. Keep it private: anyone with both can see the report's progress.`
          : `You can follow your report at ${track}.`,
        ...(m.caseReviewPrompt
          ? [
              `You have reported a problem to us before in the last 6 months. If it has not been dealt with, you can ask for an ASB Case Review: ${m.baseUrl}/case-review`,
            ]
          : []),
        'If someone is in immediate danger, call 999. For non-emergencies call 101.',
      ].join('\n\n'),
      relatedType: 'report',
      relatedId: m.reportId,
    };
  }
  const e164 = m.preference === 'phone' ? (m.phoneE164 !== undefined ? m.phoneE164 : toE164(m.phone)) : null;
  if (m.preference === 'phone' && e164?.startsWith('+447')) {
    return {
      partnershipId: m.partnershipId,
      channel: 'sms',
      recipient: e164,
      template: 'report-acknowledgement-sms',
      subject: `Report ${m.reference}`,
      body: `ASB Hub: we have received your report ${m.reference} and passed it to ${m.teamNames.join(', ')}. Follow it at ${track}${m.trackingCode ? ` with tracking code ${m.trackingCode}` : ''}`,
      relatedType: 'report',
      relatedId: m.reportId,
    };
  }
  return null;
}

export interface TeamNoticeInput {
  partnershipId: string;
  reportId: string;
  reference: string;
  baseUrl: string;
  to: string;
  categoryName: string;
  location: string | null;
  dueAt: string;
  emailedRoute: boolean;
}

/** Tells a team about new work. No personal details go by email: the link opens the report. */
export function queueTeamNotice(db: Executor, clock: Clock, m: TeamNoticeInput): Promise<string> {
  return queueMessage(db, clock, teamNoticeMessage(m));
}

export function teamNoticeMessage(m: TeamNoticeInput): OutgoingMessage {
  return {
    partnershipId: m.partnershipId,
    channel: 'email',
    recipient: m.to,
    template: m.emailedRoute ? 'report-routed-by-email' : 'report-new-in-queue',
    subject: `New report ${m.reference}: ${m.categoryName}`,
    body: [
      `A new report has been routed to your team: ${m.reference}.`,
      `What: ${m.categoryName}`,
      `Where: ${m.location ?? 'not given'}`,
      `Respond by: ${m.dueAt}`,
      `Open it in ASB Hub: ${m.baseUrl}/reports/${m.reference}`,
    ].join('\n'),
    relatedType: 'report',
    relatedId: m.reportId,
  };
}

/** A public update on a report, sent to a reporter who asked to hear by email. */
export function queuePublicUpdate(
  db: Executor,
  clock: Clock,
  m: {
    partnershipId: string;
    reportId: string;
    reference: string;
    baseUrl: string;
    email: string;
    stateLabel: string;
    text: string;
  },
): Promise<string> {
  return queueMessage(db, clock, {
    partnershipId: m.partnershipId,
    channel: 'email',
    recipient: m.email,
    template: 'report-public-update',
    subject: `Update on your report ${m.reference}`,
    body: [
      `Your report ${m.reference} is now: ${m.stateLabel}.`,
      m.text,
      `Follow it at ${m.baseUrl}/report/track`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    relatedType: 'report',
    relatedId: m.reportId,
  });
}
