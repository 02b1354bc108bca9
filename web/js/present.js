// present.js — presentation mode, for a class at a projector: large type and only what a room
// watches (the plot, the curves, the network diagram, the run controls and the numbers); the
// panels of settings and the fine controls step aside (style: present.css, on body.presenting).
// It is one state of the page, shown by one toggle button (aria-pressed) and carried in the
// share link (present=1: hash.js VIEW_KEYS), so a teacher can send the room a link that opens
// presenting. Escape leaves it (shortcuts.js), and so does the button, which stays in reach.
// The chart's text is drawn in the canvas, so its sizes are set here, through Chart.js's options;
// the network diagram lays out its labels for a text size (netview.js setTextSize).
import { Chart } from 'chart.js';

const LABELS = { off: 'Present', on: 'Leave presentation' };
const CHART_FONT = { normal: { ticks: 12, titles: 12, legend: 11 }, large: { ticks: 15, titles: 15, legend: 15 } };

/** The curves' text sizes (the chart on `canvas`, drawn by charts.js): large while presenting. */
function chartText(canvas, large) {
  const chart = Chart.getChart(canvas);
  if (!chart) return;
  const size = large ? CHART_FONT.large : CHART_FONT.normal;
  for (const scale of Object.values(chart.options.scales)) {
    scale.ticks.font = { ...scale.ticks.font, size: size.ticks };
    scale.title.font = { ...scale.title.font, size: size.titles };
  }
  chart.options.plugins.legend.labels.font = { ...chart.options.plugins.legend.labels.font, size: size.legend };
  chart.update('none');
}

/** button: the toggle; curves: the chart's canvas; netview: the diagram (netview.js); onChange(on):
 *  the user changed it (the page writes the link). set(on) shows a state without reporting it (a
 *  link being read). */
export function createPresentation({ button, curves, netview, onChange = () => {} }) {
  let on = false;
  const label = button.querySelector('.label') ?? button;

  function set(next) {
    on = !!next;
    document.body.classList.toggle('presenting', on);
    button.setAttribute('aria-pressed', String(on));
    label.textContent = on ? LABELS.on : LABELS.off;
    button.title = on ? 'Leave presentation mode (Esc)' : 'Presentation mode: large type and the plot, curves and network only (P)';
    chartText(curves, on);
    netview?.setTextSize(on);
  }
  function toggle() {
    set(!on);
    onChange(on);
    if (on) scrollTo({ top: 0, behavior: 'instant' });   // the room sees the first screen
  }

  button.addEventListener('click', toggle);
  set(false);
  return {
    get on() { return on; },
    set,
    toggle,
    /** Leaves presentation mode as the user asked (Escape); false when it was not on. */
    leave() { if (!on) return false; toggle(); return true; },
  };
}
