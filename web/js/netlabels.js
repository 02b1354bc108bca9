// netlabels.js — where the network drawing's column labels go ("16 Tanh" over a layer's column),
// from measured text widths, so that no two labels overlap and none leaves the drawing. It tries,
// in order: one line each ("16 Tanh"); two lines ("16" over "Tanh"); two lines staggered (even
// columns on the first band, odd ones on the second); staggered and shortened with "…" (the full
// text stays in the label's title). Labels sit in a band above the neurons, whose height the
// drawing leaves free (netview.js). Pure: the caller passes a measure(text) → px. No DOM.

export const LINE = 13;   // px per label line (11 px text)
const GAP = 6;            // px at least between two labels of the same band
const PAD = 2;            // px kept from the drawing's left and right edges

/** Labels for columns [{ x, parts: [first, second] }] in a drawing `width` px wide, `line` px
 *  per line of text. Returns { bandHeight, labels: [{ lines: [text], full, x (centre), y (top), width }] }. */
export function layoutLabels(cols, width, measure, line = LINE) {
  const modes = [
    { lines: (p) => [p.join(' ')], bands: 1 },
    { lines: (p) => p, bands: 1 },
    { lines: (p) => p, bands: 2 },
    ...[1, 0.8, 0.6, 0.4, 0].map((shorten) => ({ lines: (p) => p, bands: 2, shorten })),
  ];
  for (const mode of modes) {
    const labels = place(cols, width, measure, mode);
    if (fits(labels, mode.bands) || mode.shorten === 0) {
      const lines = Math.max(1, ...labels.map((l) => l.lines.length));
      for (const l of labels) l.y = l.band * lines * line;
      return { bandHeight: mode.bands * lines * line, labels };
    }
  }
  return null;   // not reached: the last mode always answers
}

function place(cols, width, measure, { lines, bands, shorten }) {
  return cols.map((col, c) => {
    let text = lines(col.parts);
    if (shorten !== undefined) {   // as wide as the distance to the band's neighbours allows, times `shorten`
      const d = Math.min(c >= 2 ? col.x - cols[c - 2].x : Infinity, c + 2 < cols.length ? cols[c + 2].x - col.x : Infinity, width);
      text = text.map((t) => shortened(t, Math.max(0, (d - GAP) * shorten), measure));
    }
    const w = Math.max(...text.map(measure));
    const x = Math.max(PAD + w / 2, Math.min(width - PAD - w / 2, col.x));
    const band = bands === 1 ? 0 : c % 2;
    return { lines: text, full: col.parts.join(' '), x, y: 0, width: w, band };
  });
}

/** The text, cut and ended with "…" until it is at most `room` px wide (at least one letter). */
function shortened(text, room, measure) {
  if (measure(text) <= room) return text;
  let n = text.length - 1;
  while (n > 1 && measure(`${text.slice(0, n)}…`) > room) n--;
  return `${text.slice(0, n).trimEnd()}…`;
}

/** Whether the labels of each band keep GAP px apart. */
function fits(labels, bands) {
  for (let b = 0; b < bands; b++) {
    const row = labels.filter((l) => l.band === b);
    for (let k = 1; k < row.length; k++) {
      if (row[k - 1].x + row[k - 1].width / 2 + GAP > row[k].x - row[k].width / 2) return false;
    }
  }
  return true;
}
