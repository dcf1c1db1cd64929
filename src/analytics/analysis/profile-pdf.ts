import PDFDocument from 'pdfkit';
import { toBng } from '../geo/bng.js';
import type { Boundary } from '../geo/boundary.js';
import type { AnalyticsProfilesTable } from '../tables.js';
import { CLASS_LABELS } from './hotspot-model.js';
import type { ProfileModel } from './profile-model.js';
import { bngFrame, CLASS_FILL } from './svg.js';

type Doc = InstanceType<typeof PDFDocument>;

const MARGIN = 50;
const fmt = (n: number) => n.toLocaleString('en-GB');

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('#0b0c0c').text(text, MARGIN);
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
}

function para(doc: Doc, text: string): void {
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#0b0c0c')
    .text(text, MARGIN, undefined, { width: doc.page.width - 2 * MARGIN });
  doc.moveDown(0.3);
}

function ensureSpace(doc: Doc, needed: number): void {
  if (doc.y + needed > doc.page.height - MARGIN) doc.addPage();
}

/** A plain table: header row in bold, then rows; columns get the given widths (numbers right-aligned). */
function table(doc: Doc, head: string[], rows: (string | number)[][], widths: number[]): void {
  const rowHeight = 14;
  const draw = (cells: (string | number)[], bold: boolean) => {
    ensureSpace(doc, rowHeight + 2);
    const y = doc.y;
    let x = MARGIN;
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(9)
      .fillColor('#0b0c0c');
    cells.forEach((c, i) => {
      const numeric = typeof c === 'number';
      doc.text(numeric ? fmt(c) : c, x + 2, y + 3, {
        width: widths[i] - 4,
        align: numeric ? 'right' : 'left',
        lineBreak: false,
        ellipsis: true,
      });
      x += widths[i];
    });
    doc
      .moveTo(MARGIN, y + rowHeight)
      .lineTo(MARGIN + widths.reduce((a, b) => a + b, 0), y + rowHeight)
      .lineWidth(0.5)
      .strokeColor('#b1b4b6')
      .stroke();
    doc.y = y + rowHeight;
    doc.x = MARGIN;
  };
  draw(head, true);
  for (const r of rows) draw(r, false);
  doc.moveDown(0.5);
}

/** Monthly counts as bars, alert months in red. */
function barChart(doc: Doc, points: ProfileModel['trend']['points']): void {
  const width = doc.page.width - 2 * MARGIN;
  const height = 120;
  ensureSpace(doc, height + 30);
  const top = doc.y;
  const max = Math.max(1, ...points.map((p) => p.count));
  const bar = width / Math.max(1, points.length);
  points.forEach((p, i) => {
    const h = (p.count / max) * height;
    doc
      .rect(MARGIN + i * bar + 1, top + height - h, Math.max(1, bar - 2), h)
      .fillColor(p.alert ? '#d4351c' : '#1d70b8')
      .fill();
  });
  doc
    .moveTo(MARGIN, top + height)
    .lineTo(MARGIN + width, top + height)
    .lineWidth(0.5)
    .strokeColor('#0b0c0c')
    .stroke();
  doc.font('Helvetica').fontSize(7).fillColor('#0b0c0c');
  const every = Math.max(1, Math.ceil(points.length / 12));
  points.forEach((p, i) => {
    if (i % every === 0)
      doc.text(p.month, MARGIN + i * bar, top + height + 3, { width: bar * every, lineBreak: false });
  });
  doc.text(`most in a month: ${fmt(max)}`, MARGIN, top - 10, { lineBreak: false });
  doc.y = top + height + 16;
  doc.x = MARGIN;
}

/** The hot spot cells as a vector grid over the area outlines. */
function cellMap(doc: Doc, boundary: Boundary, cells: ProfileModel['cells']): void {
  const width = doc.page.width - 2 * MARGIN;
  const frame = bngFrame(boundary, width, 4);
  const height = Math.min(frame.height, 360);
  const scale = height / frame.height;
  ensureSpace(doc, height * 1 + 40);
  const ox = MARGIN;
  const oy = doc.y;
  const at = (e: number, n: number): [number, number] => {
    const [x, y] = frame.at(e, n);
    return [ox + x * scale, oy + y * scale];
  };
  const polygon = (points: [number, number][]) => {
    points.forEach(([x, y], i) => (i ? doc.lineTo(x, y) : doc.moveTo(x, y)));
    doc.closePath();
  };
  for (const c of cells) {
    if (c.count === 0 && c.cls === 'not-significant') continue;
    polygon(c.ring.map(([lon, lat]) => at(...toBng(lon, lat))));
    doc.lineWidth(0.3).fillColor(CLASS_FILL[c.cls]).strokeColor('#505a5f').fillAndStroke();
  }
  for (const p of boundary.polygonsBng) {
    for (const ring of p) {
      polygon(ring.map(([e, n]) => at(e, n)));
      doc.lineWidth(1).strokeColor('#0b0c0c').stroke();
    }
  }
  doc.y = oy + height + 6;
  // Legend.
  let x = MARGIN;
  doc.font('Helvetica').fontSize(8);
  for (const cls of [
    'hot-99',
    'hot-95',
    'hot-90',
    'not-significant',
    'cold-90',
    'cold-95',
    'cold-99',
  ] as const) {
    doc.rect(x, doc.y, 8, 8).fillColor(CLASS_FILL[cls]).strokeColor('#505a5f').lineWidth(0.3).fillAndStroke();
    doc
      .fillColor('#0b0c0c')
      .text(
        cls === 'not-significant' ? 'Records, not significant' : CLASS_LABELS[cls].replace(' confidence', ''),
        x + 11,
        doc.y,
        { lineBreak: false },
      );
    x += cls === 'not-significant' ? 110 : 62;
  }
  doc.y += 14;
  doc.x = MARGIN;
}

function heatTable(doc: Doc, view: NonNullable<ProfileModel['hourWeekday']>): void {
  const cellW = (doc.page.width - 2 * MARGIN - 60) / 24;
  const cellH = 12;
  ensureSpace(doc, cellH * 9);
  let y = doc.y;
  doc.font('Helvetica-Bold').fontSize(6).fillColor('#0b0c0c');
  for (let h = 0; h < 24; h++)
    doc.text(String(h).padStart(2, '0'), MARGIN + 60 + h * cellW, y, {
      width: cellW,
      align: 'center',
      lineBreak: false,
    });
  y += cellH;
  const shades = ['#ffffff', '#f3e5dc', '#f0c8ae', '#ec9f78', '#d9603b', '#942514'];
  for (const row of view.rows) {
    doc
      .font('Helvetica')
      .fontSize(7)
      .fillColor('#0b0c0c')
      .text(row.weekday, MARGIN, y + 2, { width: 58, lineBreak: false });
    row.cells.forEach((c, h) => {
      doc
        .rect(MARGIN + 60 + h * cellW, y, cellW, cellH)
        .fillColor(shades[c.shade])
        .strokeColor('#b1b4b6')
        .lineWidth(0.3)
        .fillAndStroke();
      doc
        .fillColor(c.shade >= 4 ? '#ffffff' : '#0b0c0c')
        .fontSize(6)
        .text(String(c.count), MARGIN + 60 + h * cellW, y + 3, {
          width: cellW,
          align: 'center',
          lineBreak: false,
        });
    });
    y += cellH;
  }
  doc.y = y + 8;
  doc.x = MARGIN;
}

/** The problem profile as a PDF (A4): the same sections as the printable page. */
export function profilePdf(
  profile: AnalyticsProfilesTable,
  model: ProfileModel,
  boundary: Boundary,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: profile.title, Author: profile.created_by_label, Subject: 'Problem profile' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const s = model.scope;
  doc.font('Helvetica-Bold').fontSize(20).fillColor('#0b0c0c').text(profile.title);
  doc.moveDown(0.3);
  para(
    doc,
    `Problem profile: ${s.category || 'all categories'} (${s.source.name}), ${model.areaName}, ${s.from} to ${s.to}.`,
  );
  para(
    doc,
    `Prepared by ${profile.created_by_label}; last updated ${profile.updated_at.slice(0, 10)}. OFFICIAL-SENSITIVE: for partnership use.`,
  );

  heading(doc, 'Volumes and trend');
  para(
    doc,
    `${fmt(model.total)} records in the period.` +
      (model.previous.total !== null
        ? ` Period before (${model.previous.from} to ${model.previous.to}): ${fmt(model.previous.total)}.`
        : '') +
      (model.yearBefore !== null ? ` Same months a year before: ${fmt(model.yearBefore)}.` : ''),
  );
  if (model.trend.alerts.length)
    para(doc, `Months above the alert threshold: ${model.trend.alerts.map((a) => a.month).join(', ')}.`);
  barChart(doc, model.trend.points);
  table(
    doc,
    ['Month', 'Records', 'Expected', 'Alert above', 'Alert', 'Year before'],
    model.trend.points.map((p) => [
      p.month,
      p.count,
      p.baseline === null ? '–' : p.baseline.toFixed(1),
      p.threshold === null ? '–' : p.threshold.toFixed(1),
      p.alert ? 'Yes' : '',
      p.yearBefore === null ? '–' : p.yearBefore,
    ]),
    [80, 70, 70, 80, 60, 80],
  );
  table(
    doc,
    ['Area', 'Code', 'Records'],
    model.byArea.map((a) => [a.name, a.code, a.records]),
    [200, 100, 70],
  );
  if (!s.category && model.byCategory.length)
    table(
      doc,
      ['Category', 'Records'],
      model.byCategory.map((c) => [c.category, c.records]),
      [300, 70],
    );

  heading(doc, 'Hot spots');
  para(
    doc,
    `Getis-Ord Gi* on ${model.hotspotSummary.cellSize} m cells (neighbourhood ${model.hotspotSummary.band} m), false-discovery rate controlled: ${model.hotspotSummary.hot99} cells hot at 99%, ${model.hotspotSummary.hot95} at 95%, ${model.hotspotSummary.hot90} at 90%.`,
  );
  cellMap(doc, boundary, model.cells);
  if (model.hotCells.length)
    table(
      doc,
      ['Cell (SW corner, BNG)', 'Area', 'Records', 'Gi* z', 'Class'],
      model.hotCells.map((c) => [c.id, c.areaCode ?? '–', c.count, c.z.toFixed(2), CLASS_LABELS[c.cls]]),
      [130, 80, 60, 60, 165],
    );

  heading(doc, 'Hour of the day and day of the week');
  if (model.hourWeekday) {
    para(
      doc,
      `${fmt(model.hourWeekday.counted)} records with a time (London time).` +
        (model.hourWeekday.busiest
          ? ` Busiest: ${model.hourWeekday.busiest.weekday} ${model.hourWeekday.busiest.hour}:00 (${model.hourWeekday.busiest.count}).`
          : ''),
    );
    heatTable(doc, model.hourWeekday);
  } else para(doc, `${s.source.name} gives the month only, so there is no hour by weekday table.`);

  heading(doc, 'Repeat locations');
  if (model.topTenShare !== null)
    para(doc, `The 10 busiest places hold ${Math.round(100 * model.topTenShare)}% of the period's records.`);
  if (model.repeatPlaces.length)
    table(
      doc,
      ['Place', 'Area', 'This period', 'Before', 'Change'],
      model.repeatPlaces.map((p) => [p.name, p.areaCode ?? '–', p.count, p.previous, p.change]),
      [200, 80, 70, 60, 60],
    );
  else para(doc, 'No place had two or more records.');

  heading(doc, 'Repeat victims (ASB Hub reports)');
  if (model.victims && model.victims.victimReports > 0) {
    const v = model.victims;
    para(
      doc,
      `${fmt(v.victimReports)} reports by ${fmt(v.victims)} victims; ${fmt(v.repeatVictims)} people reported two or more times (${fmt(v.repeatVictimReports)} reports). Counts only: no one is named.`,
    );
    table(
      doc,
      ['Reports by one victim', 'People'],
      v.bands.map((b) => [b.label, b.people]),
      [200, 70],
    );
  } else para(doc, 'No ASB Hub reports by victims in this period and area.');

  heading(doc, 'Licensed premises involved');
  if (model.premises.length)
    table(
      doc,
      ['Premises', 'Address', 'Records nearby', 'Before', 'Change'],
      model.premises.map((p) => [p.name, p.address, p.count, p.previous, p.change]),
      [130, 165, 80, 60, 60],
    );
  else para(doc, `No licensed premises with records within ${model.premisesRadius} m.`);

  heading(doc, 'Findings');
  para(doc, profile.findings.trim() || 'Not written yet.');
  heading(doc, 'Recommendations');
  para(doc, profile.recommendations.trim() || 'Not written yet.');
  doc.end();
  return done;
}
