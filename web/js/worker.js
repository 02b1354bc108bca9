// worker.js — the module Web Worker that owns the network, as a thin dispatcher: it loads the
// module, creates the Trainer (trainer.js: network, data, training loop, frames) and routes each
// page message (protocol.js) to it. The page only renders. An error that no message explains
// stops training and is reported as fatal.
// Import maps do not apply in workers: modules are imported by relative URL.
import { loadNN } from '../lib/nn.mjs';
import { Trainer } from './trainer.js';
import { TO_WORKER, toPage } from './protocol.js';

let nn = null, trainer = null;
const post = (message, transfer = []) => self.postMessage(message, transfer);

/** Each page message → the Trainer method that answers it. */
const ROUTES = {
  [TO_WORKER.BUILD]: (m) => trainer.build(m),
  [TO_WORKER.SET_DATA]: (m) => trainer.setData(m),
  [TO_WORKER.SETTINGS]: (m) => trainer.settings(m.config),
  [TO_WORKER.RUN]: (m) => trainer.run(m.running, m.speed),
  [TO_WORKER.SPEED]: (m) => trainer.setSpeed(m.speed),
  [TO_WORKER.STEP]: () => trainer.step(),
  [TO_WORKER.EPOCH]: () => trainer.epoch(),
  [TO_WORKER.PARAM]: (m) => trainer.param(m),
  [TO_WORKER.FOCUS]: (m) => trainer.focus(m.focus),
  [TO_WORKER.HIDDEN_LAYER]: (m) => trainer.hiddenLayer(m.layer),
  [TO_WORKER.EXPORT]: (m) => trainer.export(m.format),
  [TO_WORKER.TRACE]: (m) => trainer.trace(m.req, m.preview),
  [TO_WORKER.GRADCHECK]: (m) => trainer.gradcheck(m.req),
  [TO_WORKER.LANDSCAPE]: (m) => trainer.landscape(m.options),
};

self.onmessage = ({ data: msg }) => {
  if (!trainer) return;  // not loaded yet: the page waits for ready before sending anything
  try {
    if (Object.hasOwn(ROUTES, msg?.type)) ROUTES[msg.type](msg);
  } catch (e) {
    trainer.stop();
    post(toPage.fatal(e.message));
  }
};

/** A small sample of every dataset, for the picker's thumbnails. */
function thumbnails() {
  return nn.catalog.datasets.map((d) => {
    const s = nn.makeDataset(d.name, { n: 160, noise: 0, classes: d.regression ? 0 : d.defaultClasses, seed: 3 });
    return { name: d.name, x: s.x, labels: s.labels, targets: s.targets };
  });
}

loadNN().then((module) => {
  nn = module;
  trainer = new Trainer(nn, post);
  post(toPage.ready(nn.catalog, thumbnails()));
}, (e) => post(toPage.fatal(`The WebAssembly module did not load: ${e.message}`)));
