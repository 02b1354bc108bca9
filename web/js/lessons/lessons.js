// lessons.js — the book's path through the playground, as data: one entry per lesson, in the
// book's order (one neuron → hidden layers → activations → losses → gradient descent → training
// troubles → regression → backpropagation by hand). Adding a lesson is adding one entry:
//   id        the link's #lesson=<id>;   title, text (a few sentences, $…$ is TeX), task (the goal)
//   start     the starting configuration as a share link's hash (read by hash.js like any link,
//             so it is checked like one: tests/node/lessons.test.mjs)
//   showMe    one solution: hash pairs applied over `start` through the page's edit path, then Play
//   within    the epochs within which Show me meets the check (seeds are fixed: deterministic)
//   check     (run) → what was achieved, or null: a pure function of the run's numbers (checks.js)
//   views     (optional) the page's views the lesson opens, by name (e.g. 'landscape': the loss landscape)
// No table entry is named in code here: the link strings name them, and checks compare the run's
// configuration with the lesson's own start and solution.
import { onlyChanged, testAccuracy, testLoss, gradientRatio, ratioText, loss, OPTIMIZER_FIELDS } from './checks.js';

const widths = (cfg) => cfg.layers.map((l) => l.units).join(',');
const EIGHT_SIGMOID_LAYERS = Array(8).fill('8sigmoid').join(',');
const EIGHT_TANH_LAYERS = Array(8).fill('8tanh').join(',');

export const LESSONS = [
  {
    id: 'one-neuron',
    title: 'One neuron is logistic regression',
    text: 'With no hidden layer the network is one neuron: $a = \\sigma(w^{\\top} x + b)$, the probability of class 1. ' +
      'It is logistic regression, and its boundary $w^{\\top} x + b = 0$ is a straight line. Two Gaussian clouds can be split by a line.',
    task: 'Press Play and watch the line settle: reach 95 % test accuracy with no hidden layer.',
    start: 'dataset=gauss&noise=0.3&layers=',
    check: (run) => (run.config.layers.length === 0 ? testAccuracy(run, 0.95) : null),
    showMe: '',
    within: 20,
  },
  {
    id: 'hidden-layer',
    title: 'Why a hidden layer',
    text: 'XOR puts each class in two opposite corners: no straight line splits them, so one neuron stays near 50 %. ' +
      'A hidden layer $A^{[1]} = g(W^{[1]} x + b^{[1]})$ bends the plane first; the output neuron then draws its line in that new space.',
    task: 'Add hidden units (change only the layers) to pass 95 % test accuracy within 100 epochs.',
    start: 'dataset=xor&layers=',
    check: (run) => (onlyChanged(run, ['layers']) && run.config.layers.length > 0 ? testAccuracy(run, 0.95, 100) : null),
    showMe: 'layers=4tanh',
    within: 30,
  },
  {
    id: 'width-depth',
    title: 'Width and depth',
    text: 'Each unit adds one bend to the boundary, and each layer combines the bends of the one before: ' +
      '$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$. Two units cannot follow the arms of a spiral.',
    task: 'Change only the layers (more units, more layers) to pass 90 % test accuracy within 300 epochs.',
    start: 'dataset=spiral&layers=2tanh',
    check: (run) => (onlyChanged(run, ['layers']) ? testAccuracy(run, 0.9, 300) : null),
    showMe: 'layers=16tanh,16tanh',
    within: 150,
  },
  {
    id: 'activations',
    title: 'Activations and their derivatives',
    text: 'Without an activation, layers compose to one linear map: $W^{[2]}(W^{[1]} x) = (W^{[2]} W^{[1]}) x$, still a straight line. ' +
      'A nonlinear $g$ bends it; backpropagation multiplies by its derivative, $dZ = dA \\odot g\'(Z)$. ' +
      'ReLU\'s derivative is 0 for $z < 0$: a unit whose $z$ is negative on every point is dead and never learns again.',
    task: 'Keep both layers of 8 units and change only their activation: pass 95 % test accuracy within 50 epochs.',
    start: 'dataset=circle&layers=8linear,8linear',
    check: (run) => (onlyChanged(run, ['layers']) && widths(run.config) === widths(run.start) ? testAccuracy(run, 0.95, 50) : null),
    showMe: 'layers=8tanh,8tanh',
    within: 30,
  },
  {
    id: 'choosing-the-loss',
    title: 'Choosing the loss',
    text: 'With a sigmoid output and the squared error, $\\partial \\mathcal{L}/\\partial z = 2(a - y)\\, a(1 - a)$: the factor $a(1 - a)$ ' +
      'vanishes when the output saturates, even when it is wrong. Cross-entropy cancels it: $\\partial \\mathcal{L}/\\partial z = a - y$.',
    task: 'Change only the loss so that test accuracy passes 95 % within 15 epochs (Reset starts the count again).',
    start: 'dataset=xor&layers=8tanh&optimizer=sgd&lr=0.1&loss=mse',
    check: (run) => (onlyChanged(run, ['loss']) ? testAccuracy(run, 0.95, 15) : null),
    showMe: 'loss=binary_crossentropy',
    within: 15,
  },
  {
    id: 'many-classes',
    title: 'Softmax and many classes',
    text: 'For $K$ classes the output layer has $K$ units and softmax turns them into probabilities that sum to 1: ' +
      '$a_k = e^{z_k} / \\sum_{i} e^{z_i}$. With categorical cross-entropy the gradient is again $A - Y$. ' +
      'Independent sigmoids score each class alone, and learn more slowly here.',
    task: 'Change only the output activation and the loss to pass 95 % test accuracy on three rings within 40 epochs.',
    start: 'dataset=rings&classes=3&layers=16tanh&output=sigmoid&loss=binary_crossentropy',
    check: (run) => (onlyChanged(run, ['outputActivation', 'loss']) ? testAccuracy(run, 0.95, 40) : null),
    showMe: 'output=softmax&loss=categorical_crossentropy',
    within: 40,
  },
  {
    id: 'learning-rate',
    title: 'Gradient descent and the learning rate',
    text: 'Each step moves every weight against its gradient: $W \\leftarrow W - \\eta\\, dW$. ' +
      'With $\\eta$ too small the loss creeps down; too large and it jumps over the valley, oscillates, or diverges. ' +
      'The Loss landscape below draws the loss around the weights and the path they took.',
    task: 'Change only the learning rate to pass 95 % test accuracy within 30 epochs (try 10 as well, and Reset between tries).',
    start: 'dataset=circle&layers=8tanh&optimizer=sgd&lr=0.001',
    check: (run) => (onlyChanged(run, ['learningRate']) ? testAccuracy(run, 0.95, 30) : null),
    showMe: 'lr=0.3',
    within: 30,
    views: ['landscape'],
  },
  {
    id: 'optimizers',
    title: 'Optimizers side by side',
    text: 'Momentum keeps a velocity, $v \\leftarrow \\mu v + g$, and steps along it; Adam also divides by a running root mean square of $g$, ' +
      'so every weight gets a step of about $\\eta$. On a spiral SGD is slow, momentum faster, Adam faster still: ' +
      'the Loss landscape below shows the route each one takes.',
    task: 'Change only the optimizer (and its settings) to pass 90 % test accuracy within 150 epochs (Reset between tries: the count is the network\'s epochs).',
    start: 'dataset=spiral&layers=16tanh,16tanh&optimizer=sgd&lr=0.1',
    check: (run) => (onlyChanged(run, OPTIMIZER_FIELDS) ? testAccuracy(run, 0.9, 150) : null),
    showMe: 'optimizer=adam&lr=0.01',
    within: 150,
    views: ['landscape'],
  },
  {
    id: 'initialisation',
    title: 'Initialisation: zeros and symmetry',
    text: 'If every weight starts at 0, every hidden unit computes the same $z$ and receives the same gradient: they stay identical forever ' +
      '(and with $\\tanh(0) = 0$ no gradient reaches $W^{[1]}$ at all). Random weights, scaled as $\\operatorname{Var}(w) = 2/(n_{in} + n_{out})$, break the symmetry.',
    task: 'Change only the initialisation to pass 95 % test accuracy within 100 epochs.',
    start: 'dataset=circle&layers=8tanh&init=zeros',
    check: (run) => (onlyChanged(run, ['init']) ? testAccuracy(run, 0.95, 100) : null),
    showMe: 'init=glorot_uniform',
    within: 100,
  },
  {
    id: 'vanishing-gradients',
    title: 'Vanishing gradients',
    text: 'Backpropagation multiplies by $g\'(Z^{[l]})$ once per layer, and $\\sigma\' \\le 1/4$: through 8 sigmoid layers the gradient shrinks ' +
      'by $4^{8} \\approx 65\\,000$. Gradient health (in Inside the network) shows layer 1 barely moving. $\\tanh\' \\le 1$ and ReLU\'s is 1.',
    task: 'Keep the 8 layers of 8 units and change only their activation: pass 90 % test accuracy within 50 epochs, with layer 1\'s gradient at least 1/100 of the output layer\'s.',
    start: `dataset=circle&layers=${EIGHT_SIGMOID_LAYERS}&optimizer=sgd&lr=0.1`,
    check: (run) => {
      if (!onlyChanged(run, ['layers']) || widths(run.config) !== widths(run.start) || !(gradientRatio(run) >= 0.01)) return null;
      const r = testAccuracy(run, 0.9, 50);
      return r && `${r}; layer 1's gradient is ${ratioText(gradientRatio(run))} × the output layer's`;
    },
    showMe: `layers=${EIGHT_TANH_LAYERS}`,
    within: 30,
  },
  {
    id: 'overfitting',
    title: 'Overfitting and regularisation',
    text: 'Sixty noisy points and $2 \\times 32$ units: the network learns the noise, the training loss goes to 0 and the test loss climbs. ' +
      'L2 adds $\\frac{\\lambda}{2} \\lVert W \\rVert^2$ to the loss, so $dW$ gains $\\lambda W$ and large weights shrink; more data leaves less noise to learn.',
    task: 'Keep the network: with L2 or more points, have the test loss at or below 0.3 from epoch 200 on.',
    start: 'dataset=moons&points=60&noise=0.5&layers=32tanh,32tanh',
    check: (run) => (onlyChanged(run, ['l1', 'l2', 'points']) ? testLoss(run, 0.3, { from: 200 }) : null),
    showMe: 'l2=0.01',
    within: 200,
  },
  {
    id: 'regression',
    title: 'Regression',
    text: 'When the target is a number, the output unit is linear, $\\hat{y} = z^{[L]}$, and the loss is the mean squared error ' +
      '$\\mathcal{L} = \\frac{1}{m} \\sum_j (\\hat{y}_j - y_j)^2$. With no hidden layer this is linear regression: a plane cannot fit two bumps.',
    task: 'Change only the layers so that the test loss falls below 0.05 within 100 epochs.',
    start: 'dataset=multigauss&layers=',
    check: (run) => (onlyChanged(run, ['layers']) ? testLoss(run, 0.05, { by: 100 }) : null),
    showMe: 'layers=16tanh',
    within: 30,
  },
  {
    id: 'backprop-by-hand',
    title: 'One step of backpropagation by hand',
    text: 'One step: the forward pass computes $Z^{[l]}$ and $A^{[l]}$, the loss compares $A^{[L]}$ with $Y$, the backward pass computes ' +
      '$dZ^{[l]}$ and $dW^{[l]} = \\frac{1}{m} dZ^{[l]} A^{[l-1]\\top}$, and the optimizer moves $W^{[l]}$. The By hand panel below shows each matrix with its shape.',
    task: 'Set the batch size to 4 (so $m = 4$ columns), then press Step and follow it in By hand: the training loss must fall below its start.',
    start: 'dataset=xor&layers=2tanh&batch=10',
    check: (run) => {
      const before = run.initial?.train.loss;
      if (run.config.batchSize !== run.solution.batchSize || !(run.epoch >= 1 || run.steps >= 1) || !(run.train.loss < before)) return null;
      return `training loss ${loss(before)} → ${loss(run.train.loss)} with batches of ${run.config.batchSize}`;
    },
    showMe: 'batch=4',
    within: 1,
  },
];

/** The lesson with this id, or undefined. */
export const lessonById = (id) => LESSONS.find((l) => l.id === id);
