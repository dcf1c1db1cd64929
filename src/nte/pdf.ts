import PDFDocument from 'pdfkit';
import type { Cell, DocTable, PackDocument } from './document.js';

type Doc = InstanceType<typeof PDFDocument>;
const MARGIN = 40;

const cellText = (c: Cell) =>
  typeof c === 'object' ? c.text : typeof c === 'number' ? c.toLocaleString('en-GB') : c;

function ensureSpace(doc: Doc, needed: number): void {
  if (doc.y + needed > doc.page.height - MARGIN) doc.addPage();
}

function table(doc: Doc, t: DocTable): void {
  const width = doc.page.width - 2 * MARGIN;
  ensureSpace(doc, 40);
  doc.font('Helvetica-Bold').fontSize(10).fillColor('#0b0c0c').text(t.caption, MARGIN, doc.y, { width });
  doc.moveDown(0.2);
  if (!t.rows.length) {
    doc.font('Helvetica').fontSize(9).text(t.empty, MARGIN, doc.y, { width });
    doc.moveDown(0.6);
    return;
  }
  // The first and last columns take the spare width; figures get narrow columns.
  const narrow = 70;
  const rest = width - narrow * Math.max(0, t.head.length - 2);
  const widths = t.head.map((_, i) =>
    i === 0 ? rest * 0.55 : i === t.head.length - 1 ? rest * 0.45 : narrow,
  );
  const row = (cells: Cell[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    const heights = cells.map((c, i) => doc.heightOfString(cellText(c), { width: widths[i] - 6 }));
    const h = Math.max(...heights) + 6;
    ensureSpace(doc, h);
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.text(cellText(c), x + 3, y + 3, {
        width: widths[i] - 6,
        align: typeof c === 'number' ? 'right' : 'left',
      });
      x += widths[i];
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + width, y + h)
      .lineWidth(0.5)
      .strokeColor('#b1b4b6')
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  row(t.head, true);
  for (const r of t.rows) row(r, false);
  doc.moveDown(0.8);
}

/** The pack as a PDF, drawn by the server (A4, standard fonts). */
export function packPdf(d: PackDocument, issued: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: d.title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(16).fillColor('#0b0c0c').text(d.title, { width });
  doc.font('Helvetica').fontSize(10).text(d.subtitle, { width });
  doc.fontSize(9).fillColor('#505a5f').text(issued, { width });
  doc.fillColor('#0b0c0c').moveDown(0.5);
  for (const p of d.paragraphs) doc.fontSize(9.5).text(p, { width }).moveDown(0.2);
  for (const s of d.sections) {
    ensureSpace(doc, 60);
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).text(s.heading, MARGIN, doc.y, { width });
    doc.moveDown(0.3).font('Helvetica');
    for (const p of s.paragraphs) doc.fontSize(9.5).text(p, MARGIN, doc.y, { width }).moveDown(0.2);
    for (const t of s.tables) table(doc, t);
  }
  doc.end();
  return done;
}
