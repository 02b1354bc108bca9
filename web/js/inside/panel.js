// panel.js — the "Inside the network" section: gradient health, the hidden space and the test
// scores side by side, each with a line saying what it shows. It routes the worker's frames to
// the three views; main.js only calls reset / setData / frame.
import { h } from '../dom.js';
import { createGradChart } from './gradchart.js';
import { createHiddenView } from './hidden.js';
import { createScores } from './scores.js';

export function createInside(root, { onHiddenLayer }) {
  const card = (title, cls, ...children) => h('div', { class: `inside-card ${cls}` }, h('h3', {}, title), ...children);
  const gradCanvas = h('canvas', { id: 'gradients', role: 'img', 'aria-label': 'Gradient norm per layer' });
  const gradNote = h('p', { class: 'hint' },
    'The size of each layer’s gradient, ‖∂L/∂W, ∂L/∂b‖, on a log scale. Lines far apart mean the first layers hardly learn: ' +
    'vanishing gradients (try 8 layers of an activation with a small slope). Lines shooting up mean the steps blow up: exploding gradients (try plain gradient descent at a high rate).');
  const hiddenRoot = h('div', {});
  const scoresRoot = h('div', {});
  root.append(
    card('Gradient health', 'grad', h('div', { class: 'chart-box grad-box' }, gradCanvas), gradNote),
    card('Hidden space', 'hidden', hiddenRoot),
    card('Test set', 'score', scoresRoot),
  );
  const grads = createGradChart(gradCanvas);
  const hidden = createHiddenView(hiddenRoot, { onLayer: onHiddenLayer });
  const scores = createScores(scoresRoot);

  return {
    /** A new network: layers = [{ units, activation }] incl. the output layer. */
    reset(layers) {
      grads.reset(layers.map((_, i) => (i === layers.length - 1 ? 'Output' : `Layer ${i + 1}`)));
      hidden.reset(layers);
      scores.reset();
    },
    setData(d) { hidden.setData(d); },
    frame(msg) {
      if (msg.grads) grads.add(msg.grads);
      if (msg.hidden) hidden.show(msg.hidden);
      if (msg.scores) scores.show(msg.scores);
    },
  };
}
