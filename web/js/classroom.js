// classroom.js — what a teacher at a projector uses, wired to the page: presentation mode
// (present.js), the keyboard shortcuts and their dialog (shortcuts.js), and "Save plot (PNG)"
// (plotpng.js), whose title describes the run from the configuration and the last frame.
// Shortcuts press the page's own buttons, so each does exactly what its button does.
import { datasetInfo, outputUnits, problemKind } from './config.js';
import { display } from './rows.js';
import { createPresentation } from './present.js';
import { createShortcutsDialog, installShortcuts } from './shortcuts.js';
import { composePlot, savePng, titleParts } from './plotpng.js';

/** How many classes the points use (as the plot draws them): the configured count, or more if a
 *  label says so. */
function labelCount(d) {
  let n = d.kind === 'regression' ? 0 : d.classes;
  for (const part of [d.train, d.test]) for (let i = 0; part?.labels && i < part.n; i++) n = Math.max(n, part.labels[i] + 1);
  return n;
}

/** els: { present, keys, savePlot, plot, legend, curves, buttons: { play, step, stepEpoch, reset } };
 *  netview: the diagram (netview.js); getConfig(), getData() (the worker's last 'data' message);
 *  onView(): the view changed (links). */
export function createClassroom({ catalog, els, netview, getConfig, getData, onView }) {
  let last = null;   // the last frame: { epoch, train, test }
  const presentation = createPresentation({ button: els.present, curves: els.curves, netview, onChange: onView });
  const dialog = createShortcutsDialog();
  els.keys.addEventListener('click', () => dialog.open());
  const press = (button) => () => { if (!button.disabled) button.click(); };
  const { play, step, stepEpoch, reset } = els.buttons;
  installShortcuts({
    play: press(play), step: press(step), stepEpoch: press(stepEpoch), reset: press(reset),
    present: () => presentation.toggle(),
    help: () => dialog.open(),
    leave: () => presentation.leave(),
  });

  /** The title's parts: the data, the network, the epoch and the score the status line leads with. */
  function title(config) {
    const layers = [...config.layers, { units: outputUnits(catalog, config), activation: config.outputActivation }]
      .map((l) => ({ units: l.units, display: display(catalog.activations, l.activation) }));
    const regression = problemKind(catalog, config) === 'regression';
    const part = Number.isFinite(last?.test?.loss) ? ['test', last.test] : ['train', last?.train];
    const metric = !part[1] ? null : regression
      ? (Number.isFinite(part[1].loss) ? { name: `${part[0]} loss`, text: part[1].loss.toPrecision(3) } : null)
      : (Number.isFinite(part[1].accuracy) ? { name: `${part[0]} accuracy`, text: `${(part[1].accuracy * 100).toFixed(1)} %` } : null);
    const data = config.custom ? 'Your data' : datasetInfo(catalog, config.dataset)?.display ?? config.dataset;
    return titleParts({ data, inputs: config.features.length, layers, epoch: last?.epoch ?? 0, metric });
  }

  async function savePlot() {
    const config = getConfig(), data = getData();
    if (!config || !data) return;
    const legend = { kind: data.kind, outputs: data.outputs, labelCount: labelCount(data), showTest: !!els.legend.querySelector('.dot.test') };
    const picture = composePlot(document, els.plot, title(config), legend);
    const name = `nn-by-hand-${config.custom ? 'custom' : config.dataset}-epoch-${last?.epoch ?? 0}.png`;
    await savePng(document, picture, name);
  }
  els.savePlot.addEventListener('click', savePlot);
  els.savePlot.disabled = true;

  return {
    /** A worker frame: its epoch and scores title the saved plot. */
    frame(msg) {
      last = { epoch: msg.epoch, train: msg.train, test: msg.test };
      els.savePlot.disabled = false;
    },
    /** The view, as the link carries it (hash.js VIEW_KEYS). */
    getView: () => ({ present: presentation.on }),
    setView: (view) => presentation.set(!!view.present),
  };
}
