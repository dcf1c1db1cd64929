import { toBng } from '../geo/bng.js';
import type { Boundary } from '../geo/boundary.js';
import type { HotColdClass } from '../hotspots/classify.js';

/** Hot and cold colours, shared by the SVG map, the PDF and the stylesheet. */
export const CLASS_FILL: Record<HotColdClass, string> = {
  'hot-99': '#d4351c',
  'hot-95': '#f47738',
  'hot-90': '#ffdd00',
  'cold-99': '#003078',
  'cold-95': '#1d70b8',
  'cold-90': '#5694ca',
  'not-significant': '#f3f2f1',
};

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export interface TrendPoint {
  month: string;
  count: number;
  threshold: number | null;
  alert: boolean;
}

/** A line chart of monthly counts with the alert threshold dashed and alert months ringed (the table beside it has the figures). */
export function trendChartSvg(points: readonly TrendPoint[], id: string, title: string): string {
  const w = 720;
  const h = 260;
  const pad = { l: 44, r: 12, t: 14, b: 44 };
  const max = Math.max(1, ...points.map((p) => Math.max(p.count, p.threshold ?? 0)));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const x = (i: number) =>
    pad.l + (points.length <= 1 ? (w - pad.l - pad.r) / 2 : (i * (w - pad.l - pad.r)) / (points.length - 1));
  const y = (v: number) => pad.t + (h - pad.t - pad.b) * (1 - v / top);
  const parts: string[] = [];
  for (let v = 0; v <= top; v += step) {
    parts.push(
      `<line x1="${pad.l}" x2="${w - pad.r}" y1="${y(v)}" y2="${y(v)}" stroke="#b1b4b6" stroke-width="1"/>`,
    );
    parts.push(
      `<text x="${pad.l - 6}" y="${y(v) + 4}" text-anchor="end" font-size="12" fill="#0b0c0c">${v}</text>`,
    );
  }
  const every = Math.max(1, Math.ceil(points.length / 12));
  points.forEach((p, i) => {
    if (i % every === 0)
      parts.push(
        `<text x="${x(i)}" y="${h - pad.b + 18}" text-anchor="middle" font-size="12" fill="#0b0c0c">${esc(p.month)}</text>`,
      );
  });
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.count).toFixed(1)}`).join(' ');
  const withThreshold = points.map((p, i) => ({ p, i })).filter(({ p }) => p.threshold !== null);
  if (withThreshold.length > 1) {
    const t = withThreshold
      .map(({ p, i }, k) => `${k ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.threshold as number).toFixed(1)}`)
      .join(' ');
    parts.push(`<path d="${t}" fill="none" stroke="#505a5f" stroke-width="2" stroke-dasharray="6 4"/>`);
  }
  parts.push(`<path d="${line}" fill="none" stroke="#1d70b8" stroke-width="3"/>`);
  points.forEach((p, i) => {
    parts.push(
      `<circle cx="${x(i)}" cy="${y(p.count)}" r="${p.alert ? 7 : 3}" fill="${p.alert ? '#d4351c' : '#1d70b8'}"/>`,
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" role="img" aria-labelledby="${id}-title">` +
    `<title id="${id}-title">${esc(title)}</title>${parts.join('')}</svg>`
  );
}

function niceStep(max: number): number {
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (raw <= m * mag) return Math.max(1, m * mag);
  return Math.max(1, 10 * mag);
}

export interface MapCell {
  ring: [number, number][];
  cls: HotColdClass;
  count: number;
}

/** Projects BNG metres onto a drawing of `width` units wide (north up). */
export function bngFrame(boundary: Boundary, width: number, margin = 8) {
  const b = boundary.bboxBng;
  const scale = (width - 2 * margin) / (b.maxX - b.minX);
  const height = (b.maxY - b.minY) * scale + 2 * margin;
  return {
    width,
    height,
    at: (e: number, n: number): [number, number] => [
      margin + (e - b.minX) * scale,
      margin + (b.maxY - n) * scale,
    ],
  };
}

/** The hot spot cells as a plain vector map: cells filled by class, the areas outlined. For print. */
export function cellMapSvg(boundary: Boundary, cells: readonly MapCell[], id: string, title: string): string {
  const frame = bngFrame(boundary, 640);
  const path = (ring: [number, number][]) =>
    ring.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ') + 'Z';
  const parts: string[] = [];
  for (const c of cells) {
    if (c.count === 0 && c.cls === 'not-significant') continue;
    const ring = c.ring.map(([lon, lat]) => frame.at(...toBng(lon, lat)));
    parts.push(`<path d="${path(ring)}" fill="${CLASS_FILL[c.cls]}" stroke="#505a5f" stroke-width="0.5"/>`);
  }
  for (const polygon of boundary.polygonsBng) {
    for (const ring of polygon)
      parts.push(
        `<path d="${path(ring.map(([e, n]) => frame.at(e, n)))}" fill="none" stroke="#0b0c0c" stroke-width="1.5"/>`,
      );
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${frame.width} ${frame.height.toFixed(0)}" role="img" aria-labelledby="${id}-title">` +
    `<title id="${id}-title">${esc(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>${parts.join('')}</svg>`
  );
}
