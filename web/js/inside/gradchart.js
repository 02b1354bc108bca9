// gradchart.js — gradient health: the norm of each layer's gradient ‖∂L/∂(W, b)‖ over training,
// one Chart.js line per layer on a log axis, so that vanishing gradients (the first layers of a
// deep sigmoid/tanh stack fall decades below the last) and exploding ones (a high learning rate)
// are plain to see. Long runs are thinned (every other point dropped when full): bounded memory.
import {
  Chart, LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

const MAX_POINTS = 400;
const REDRAW_MS = 300;
// viridis, from the first layer (dark) to the output (green-yellow)
const RAMP = ['#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c', '#22a884', '#44bf70', '#7ad151'];

export function createGradChart(canvas) {
  let rows = [];        // [{ x, norms }]
  let timer = null;
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false, parsing: false, normalized: true, responsive: true, maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', min: 0, title: { display: true, text: 'Epoch' }, ticks: { maxTicksLimit: 6 }, grid: { color: '#eef0f3' } },
        y: {
          type: 'logarithmic', title: { display: true, text: 'Gradient norm' }, grid: { color: '#eef0f3' },
          ticks: { callback: (v) => (Math.log10(v) % 1 === 0 ? `1e${Math.log10(v)}` : '') },
        },
      },
      plugins: {
        legend: { position: 'top', align: 'start', labels: { boxWidth: 14, boxHeight: 2, font: { size: 11 }, padding: 8 } },
        tooltip: { callbacks: { title: (it) => `Epoch ${it[0]?.parsed.x.toFixed(1)}`, label: (it) => `${it.dataset.label}: ${it.parsed.y.toExponential(2)}` } },
      },
    },
  });

  function redraw() {
    timer = null;
    chart.data.datasets.forEach((ds, l) => { ds.data = rows.map((r) => ({ x: r.x, y: Math.max(r.norms[l], 1e-12) })); });
    chart.options.scales.x.max = Math.max(5, rows.at(-1)?.x ?? 0);
    chart.update('none');
  }

  return {
    /** A new network: one series per layer (names: 'Layer 1', ..., 'Output'). */
    reset(names) {
      rows = [];
      chart.data.datasets = names.map((label, l) => {
        const color = RAMP[Math.round((l / Math.max(1, names.length - 1)) * (RAMP.length - 1))];
        return { label, data: [], borderColor: color, backgroundColor: color, borderWidth: 1.8, pointRadius: 0, tension: 0 };
      });
      redraw();
    },
    /** One measurement: { x (epoch, fractional), norms: [per layer] }. */
    add(point) {
      if (point.norms.length !== chart.data.datasets.length) return;
      if (rows.length && point.x < rows.at(-1).x) return;
      rows.push(point);
      if (rows.length > MAX_POINTS) rows = rows.filter((_, i) => i % 2 === 0 || i === rows.length - 1);
      if (!timer) timer = setTimeout(redraw, REDRAW_MS);
    },
  };
}
