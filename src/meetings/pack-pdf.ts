/** The pack as a PDF: the same content as the printable page, with the protective marking on every page. */
import PDFDocument from 'pdfkit';
import { formatLongDate } from '../platform/dates/index.js';
import { DECISION_LABELS, type PackContent } from './pack-content.js';

type Doc = InstanceType<typeof PDFDocument>;
const MARGIN = 50;

function text(doc: Doc, s: string, opts: { bold?: boolean; size?: number; gap?: number } = {}) {
  if (doc.y > doc.page.height - MARGIN - 40) doc.addPage();
  doc
    .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(opts.size ?? 10)
    .fillColor('#0b0c0c')
    .text(s, MARGIN, undefined, { width: doc.page.width - 2 * MARGIN });
  doc.moveDown(opts.gap ?? 0.3);
}

function detailLine(detail: Record<string, unknown>): string {
  const parts: string[] = [];
  const add = (label: string, v: unknown) => {
    if (v !== null && v !== undefined && v !== '')
      parts.push(`${label}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  };
  add('Case', detail.caseTitle);
  add(
    'Risk',
    detail.riskBand && detail.riskScore != null
      ? `${String(detail.riskBand)} (score ${String(detail.riskScore)})`
      : detail.riskBand,
  );
  add('Person', detail.party ?? detail.person);
  add('Flags', detail.flags);
  add('Reason', detail.reason);
  add('Advice given', detail.advice);
  add(
    'Owner',
    detail.owner && detail.agency ? `${String(detail.owner)} (${String(detail.agency)})` : detail.owner,
  );
  add('Due', detail.dueOn ?? detail.reviewDue);
  return parts.join(' · ');
}

export function renderPackPdf(p: PackContent, seal: { sealed: boolean; hash: string }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${p.series.name} ${p.number}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  text(doc, p.marking, { bold: true, size: 11 });
  text(doc, `${p.series.name}: ${p.kind === 'agenda' ? 'agenda pack' : 'minutes'}`, { bold: true, size: 18 });
  text(doc, `Pack ${p.number} (version ${p.version}), issued ${p.issuedAt.slice(0, 10)} by ${p.issuedBy}`);
  text(doc, `Meeting: ${formatLongDate(p.meeting.date)} at ${p.meeting.startTime}, ${p.meeting.venue}`);
  text(
    doc,
    `Chair${p.meeting.chairs.length > 1 ? 's' : ''}: ${p.meeting.chairs.map((c) => `${c.name} (${c.agency})`).join(', ')}`,
  );
  text(doc, `Time allowed for the items: ${p.totalMinutes} minutes`, { gap: 0.8 });
  if (p.kind === 'minutes') {
    text(doc, 'Attendance', { bold: true, size: 13 });
    for (const a of p.attendance) text(doc, `${a.name} (${a.agency}): ${a.status}`, { gap: 0.1 });
    doc.moveDown(0.5);
  }
  for (const s of p.sections) {
    text(doc, s.title, { bold: true, size: 13 });
    for (const i of s.items) {
      text(doc, `${i.no} ${i.title} (${i.minutesAllowed} min)`, { bold: true, gap: 0.1 });
      const d = detailLine(i.detail);
      if (d) text(doc, d, { gap: 0.1 });
      if (i.notes) text(doc, `Notes: ${i.notes}`, { gap: 0.1 });
      if (i.decision)
        text(
          doc,
          `Decision: ${DECISION_LABELS[i.decision] ?? i.decision}${i.decisionNote ? `: ${i.decisionNote}` : ''}`,
          { gap: 0.1 },
        );
      doc.moveDown(0.3);
    }
  }
  if (p.kind === 'minutes') {
    text(doc, 'Actions', { bold: true, size: 13 });
    for (const a of p.actions)
      text(doc, `${a.text}: ${a.owner} (${a.agency}), due ${a.dueOn}, ${a.rag.toUpperCase()}, ${a.status}`, {
        gap: 0.1,
      });
    if (!p.actions.length) text(doc, 'No actions were raised.');
  }
  if (seal.sealed) text(doc, `Approved minutes, sealed. SHA-256: ${seal.hash}`, { gap: 0.1 });

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - 35;
    doc.font('Helvetica-Bold').fontSize(8).fillColor('#0b0c0c');
    doc.text(`${p.marking} · ${p.number} · page ${i + 1} of ${range.count}`, MARGIN, y, {
      width: doc.page.width - 2 * MARGIN,
      align: 'center',
      lineBreak: false,
    });
  }
  doc.end();
  return done;
}
