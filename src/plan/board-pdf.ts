/** The board report as a PDF, from the same view model as the page. */
import PDFDocument from 'pdfkit';
import type { BoardReport } from './board.js';
import { STATUS_TEXT } from './exchange.js';

type Doc = InstanceType<typeof PDFDocument>;
const MARGIN = 50;

function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('#0b0c0c').text(text, MARGIN);
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
}

function line(doc: Doc, text: string, bold = false): void {
  doc
    .font(bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(10)
    .fillColor('#0b0c0c')
    .text(text, MARGIN, undefined, { width: doc.page.width - 2 * MARGIN });
}

const figureText = (v: number | null, unit: string) =>
  v === null
    ? 'no data'
    : unit === 'percent'
      ? `${v.toFixed(1)}%`
      : unit === 'hours'
        ? `${v.toFixed(1)} hours`
        : String(v);

export function boardReportPdf(r: BoardReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Board report: ${r.plan.title}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.font('Helvetica-Bold').fontSize(18).text(`${r.partnershipName}: board report`, MARGIN);
  line(doc, `${r.plan.title}. Prepared ${r.today}.`);
  line(doc, r.lastBoard ? `Last board: ${r.lastBoard.met_on}.` : 'No board meeting recorded yet.');

  heading(doc, 'Status by theme');
  line(doc, `All actions: ${r.counts.green} green, ${r.counts.amber} amber, ${r.counts.red} red.`, true);
  for (const t of r.themes)
    line(doc, `${t.theme}: ${t.total} actions, ${t.green} green, ${t.amber} amber, ${t.red} red`);

  heading(doc, r.lastBoard ? `Status changes since the board of ${r.lastBoard.met_on}` : 'Status changes');
  if (!r.changes.length) line(doc, 'No action has changed status.');
  for (const c of r.changes) {
    line(
      doc,
      `Action ${c.number}. ${c.title}: ${STATUS_TEXT[c.from_rag!]} to ${STATUS_TEXT[c.to_rag]}`,
      true,
    );
    line(doc, `${c.changed_at.slice(0, 10)}${c.user_name ? `, ${c.user_name}` : ''}: ${c.reason}`);
    doc.moveDown(0.3);
  }

  heading(doc, 'Figures');
  if (!r.figures.length) line(doc, 'No action has a live figure yet.');
  for (const f of r.figures) {
    const period = f.period ? ` (${f.period.from} to ${f.period.to})` : ' (now)';
    const before = f.previous === null ? '' : `; a year before: ${figureText(f.previous, f.unit)}`;
    line(doc, `Action ${f.number}. ${f.label}${period}: ${figureText(f.value, f.unit)}${before}`);
  }
  doc.end();
  return done;
}
