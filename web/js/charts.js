// charts.js — train and test curves with Chart.js: loss on the left axis (linear or log), accuracy
// on the right (hidden for regression), one point per epoch. Long runs are thinned (every k-th
// epoch plus the latest, k doubling as the run grows), so memory and redraw cost stay bounded
// however long it trains. Redraws are throttled to ~8 a second. On the log scale, the ticks are
// round numbers that read as a person writes them (0.1, 0.02, 1e-4, or 0.66, 0.67 inside one
// decade), not Chart.js's fixed decimals ("0.1000000").
import {
  Chart, LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip, Ticks,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

const MAX_SHOWN = 400;
const REDRAW_MS = 120;
const TRAIN = '#3b4a63', TEST = '#e8710a';

const round = (v) => +v.toPrecision(12);

/** The loss axis's tick labels: Chart.js's own on the linear scale, tickLabel on the log scale. */
function lossTick(value, index, ticks) {
  return this.type === 'logarithmic' ? tickLabel(value) : Ticks.formatters.numeric.call(this, value, index, ticks);
}

/** A tick's label as a person writes it: 0.5, 20, 0.0625 — or 1e-4, 2.5e6 outside 0.001 … 100,000. */
export function tickLabel(v) {
  if (v === 0) return '0';
  const e = Math.floor(Math.log10(Math.abs(v)) + 1e-9);
  return e >= -3 && e < 5 ? String(+v.toPrecision(4)) : `${+(v / 10 ** e).toPrecision(3)}e${e}`;
}

/** Ticks for a log axis over [lo, hi]: 1, 2 and 5 times the powers of ten in it (3 to 8 of them),
 *  else the powers alone (at most 8), else round steps (a range inside one decade). */
export function logTicks(lo, hi) {
  if (!(lo > 0 && hi > lo)) return [];
  const e0 = Math.floor(Math.log10(lo)), e1 = Math.ceil(Math.log10(hi));
  const times = (mantissas) => {
    const ticks = [];
    for (let e = e0; e <= e1; e++) for (const m of mantissas) ticks.push(round(m * 10 ** e));
    return ticks.filter((v) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9));
  };
  const some = times([1, 2, 5]);
  if (some.length >= 3 && some.length <= 8) return some;
  const powers = times([1]), every = Math.ceil(powers.length / 8);
  if (powers.length >= 2) return powers.filter((_, i) => i % every === 0);
  const raw = (hi - lo) / 4, unit = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * unit).find((s) => s >= raw);
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi * (1 + 1e-9); v += step) ticks.push(round(v));
  return ticks;
}

export function createCurves(canvas) {
  let history = [];     // every stride-th epoch: { epoch, trainLoss, testLoss, trainAcc, testAcc }
  let latest = null;    // the last epoch received
  let stride = 1;
  let kind = 'binary';
  let timer = null;

  const line = (label, color, axis, dash) => ({
    label, data: [], borderColor: color, backgroundColor: color, borderWidth: dash ? 1.5 : 2,
    borderDash: dash ? [5, 4] : [], pointRadius: 0, pointHitRadius: 6, tension: 0, yAxisID: axis,
  });
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [
        line('Train loss', TRAIN, 'loss', false), line('Test loss', TEST, 'loss', false),
        line('Train accuracy', TRAIN, 'acc', true), line('Test accuracy', TEST, 'acc', true),
      ],
    },
    options: {
      animation: false, parsing: false, normalized: true, responsive: true, maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', min: 0, title: { display: true, text: 'Epoch' }, ticks: { maxTicksLimit: 6, precision: 0 }, grid: { color: '#eef0f3' } },
        loss: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: 'Loss' }, grid: { color: '#eef0f3' }, ticks: { maxTicksLimit: 5, callback: lossTick },
          afterBuildTicks: (scale) => { if (scale.type === 'logarithmic') scale.ticks = logTicks(scale.min, scale.max).map((value) => ({ value })); } },
        acc: {
          type: 'linear', position: 'right', min: 0, max: 1, title: { display: true, text: 'Accuracy' },
          grid: { display: false }, ticks: { maxTicksLimit: 5, callback: (v) => `${Math.round(v * 100)}%` },
        },
      },
      plugins: {
        legend: {
          position: 'top', align: 'start',
          labels: { boxWidth: 18, boxHeight: 2, font: { size: 11 }, padding: 10, filter: (item) => kind !== 'regression' || item.datasetIndex < 2 },
        },
        tooltip: {
          callbacks: {
            title: (items) => `Epoch ${items[0]?.parsed.x}`,
            label: (it) => `${it.dataset.label}: ${it.dataset.yAxisID === 'acc' ? `${(it.parsed.y * 100).toFixed(1)}%` : it.parsed.y.toPrecision(3)}`,
          },
        },
      },
    },
  });

  function shownRows() {
    return latest && history.at(-1) !== latest ? [...history, latest] : history;
  }

  function redraw() {
    timer = null;
    const rows = shownRows();
    const ds = chart.data.datasets;
    const logScale = chart.options.scales.loss.type === 'logarithmic';
    const lossPoint = (r, key) => ({ x: r.epoch, y: logScale ? Math.max(r[key], 1e-7) : r[key] });
    ds[0].data = rows.map((r) => lossPoint(r, 'trainLoss'));
    ds[1].data = rows.filter((r) => Number.isFinite(r.testLoss)).map((r) => lossPoint(r, 'testLoss'));
    ds[2].data = rows.map((r) => ({ x: r.epoch, y: r.trainAcc }));
    ds[3].data = rows.filter((r) => Number.isFinite(r.testAcc)).map((r) => ({ x: r.epoch, y: r.testAcc }));
    chart.options.scales.x.max = Math.max(10, latest?.epoch ?? 0);
    chart.update('none');
  }

  function schedule() { if (!timer) timer = setTimeout(redraw, REDRAW_MS); }

  return {
    /** Starts over for a new run; kind 'regression' hides the accuracy curves and axis. */
    reset(newKind) {
      history = [];
      latest = null;
      stride = 1;
      kind = newKind;
      const regression = kind === 'regression';
      chart.data.datasets[2].hidden = chart.data.datasets[3].hidden = regression;
      chart.options.scales.acc.display = !regression;
      schedule();
    },
    /** Appends per-epoch rows from a worker frame. */
    add(rows) {
      if (!rows.length) return;
      for (const r of rows) if (r.epoch % stride === 0) history.push(r);
      latest = rows.at(-1);
      while (history.length > MAX_SHOWN) {
        stride *= 2;
        history = history.filter((r) => r.epoch % stride === 0);
      }
      schedule();
    },
    setLogScale(on) {
      const loss = chart.options.scales.loss;
      loss.type = on ? 'logarithmic' : 'linear';
      loss.beginAtZero = !on;
      schedule();
    },
  };
}
