// export/pytorch.mjs — net.export('pytorch'): a Python file that rebuilds the network in PyTorch
// (torch 1.13 + NumPy, as Debian packages them) with its trained weights and its optimizer's state,
// so that training goes on exactly where it stopped (the next train_step is our next trainBatch),
// and from there anywhere PyTorch runs. Everything specific to a layer, loss or optimizer is read
// from the catalog's rows (code.torch, torchFused, torchState, torchStep): no name is switched on.
import { body, float, hyperparameterLines, matrix, scriptMain, vector } from './python.mjs';

const TENSOR = 'torch.tensor(v, dtype=torch.float32)';

/** A section banner, `# --- title ---…`, 100 columns wide. */
const banner = (title) => `# --- ${title} `.padEnd(100, '-');

/** The file's docstring: what the network is, how it was trained, how to use the file. */
function header(model) {
  const { loss, optimizer, step, l1, l2, standardizer, inputs, outputs } = model;
  const output = model.layers[model.layers.length - 1].activation;
  const penalty = [l1 ? `L1 ${float(l1)}` : '', l2 ? `L2 ${float(l2)}` : ''].filter(Boolean).join(', ');
  return `"""NN by Hand: a ${model.description} network, exported for PyTorch.

Loss: ${loss.display}${model.fused ? `, computed from the logits Z (the output ${output.display} folded in, as NN by Hand does)` : ''}.
Optimizer: ${optimizer.display} (${hyperparameterLines(model).join(', ')}), ${step} step${step === 1 ? '' : 's'} taken.
Regularisation: ${penalty ? `${penalty} on the weights (never the biases)` : 'none'}.
Inputs: ${model.inputNames.join(', ')} (the columns of X, in this order), ${standardizer ? "standardized first, x' = (x - mean) / scale (MEAN, SCALE below)" : 'used as given (no standardizer)'}.

Use it from Python (import model_torch):
    model                  the torch.nn.Sequential; Linear weights are (out, in)
    optimizer              its ${optimizer.display} optimizer${step ? ', its state restored' : ' (no step taken yet)'}
    predict(X)             X (n, ${inputs}), one sample a row -> (n, ${outputs}) numpy float32
    train_step(X, Y)       one optimizer step on that batch, as NN by Hand's trainBatch; returns the loss
    params()               [(W, b), ...] as numpy copies, W (out, in)
or as a script: python3 model_torch.py data.csv   (prints the predictions for each row)

Training continues exactly where it stopped: the weights and the optimizer's state are NN by Hand's,
so the next train_step is the step NN by Hand would take next. From here on it is plain PyTorch, on
any machine: wrap \`model\` in torch.nn.parallel.DistributedDataParallel to train on several.
"""`;
}

/** model = nn.Sequential(...) and the trained W, b copied into its Linear layers. */
function network(model) {
  const rows = model.layers.map((la) => `    nn.Linear(${la.fanIn}, ${la.units}), ${la.activation.code.torch},`);
  const values = model.layers.map((la, l) => `# layer ${l + 1}: ${la.fanIn} -> ${la.units} ${la.activation.display}
W${l + 1} = ${matrix(la.W, la.units, la.fanIn)}  # (${la.units}, ${la.fanIn})
b${l + 1} = ${vector(la.b)}  # (${la.units},)`);
  const n = model.layers.length;
  const names = (p) => model.layers.map((_, l) => `${p}${l + 1}`).join(', ');
  return `${banner('the network: Linear weights (out, in), float32')}
model = nn.Sequential(
${rows.join('\n')}
)
linears = [m for m in model if isinstance(m, nn.Linear)]

${banner('the trained parameters')}
${values.join('\n\n')}

with torch.no_grad():
    for layer, W, b in zip(linears, (${names('W')}${n === 1 ? ',' : ''}), (${names('b')}${n === 1 ? ',' : ''})):
        layer.weight.copy_(torch.tensor(W, dtype=torch.float32))
        layer.bias.copy_(torch.tensor(b, dtype=torch.float32))`;
}

/** inputs(X): the batch as a float32 tensor (n, inputs), standardized as the core does it. */
function inputs(model) {
  const { standardizer: s, inputs: k } = model;
  if (!s) {
    return `def inputs(X):
    """X (n, ${k}) as a float32 tensor."""
    return torch.as_tensor(np.asarray(X, dtype=np.float32).reshape(-1, ${k}))`;
  }
  const doubles = (v) => `np.array([${v.map(float).join(', ')}])`;
  return `MEAN = ${doubles(s.mean)}  # (${k},) float64
SCALE = ${doubles(s.scale)}  # (${k},) float64


def inputs(X):
    """X (n, ${k}) standardized, x' = (x - mean) / scale: in float64, then float32 (as NN by Hand)."""
    X = np.asarray(X, dtype=np.float32).reshape(-1, ${k}).astype(np.float64)
    return torch.from_numpy(((X - MEAN) / SCALE).astype(np.float32))`;
}

/** loss_fn(X, Y): the mean data loss, from the logits when the loss is fused with the output. */
function loss(model) {
  const { loss: row, fused } = model;
  const code = fused
    ? `    Z = model[:-1](X)  # (n, ${model.outputs}) the logits: every layer but the output activation\n${body(row.code.torchFused)}`
    : `    A = model(X)  # (n, ${model.outputs})\n${body(row.code.torch)}`;
  const terms = [model.l1 ? `${float(model.l1)} * W.abs().sum()` : '', model.l2 ? `${float(model.l2)} / 2 * (W * W).sum()` : '']
    .filter(Boolean);
  const penalty = terms.length
    ? `    """L1/L2 on the weights only (never the biases): their gradient is l1 sign(W) + l2 W."""
    return sum(${terms.join(' + ')} for W in (m.weight for m in linears))`
    : `    """No L1/L2."""
    return 0.0`;
  return `def loss_fn(X, Y):
    """${row.display}: the mean data loss on the batch (X (n, ${model.inputs}) as inputs() gives it, Y (n, ${model.outputs}))."""
${code}


def penalty():
${penalty}`;
}

/** optimizer = torch.optim.…(model.parameters(), …), and its state after `step` steps. */
function optimizer(model) {
  const { optimizer: row, step } = model;
  let ctor = row.code.torch.replace(/\bparams\b/, 'model.parameters()');
  for (const h of model.hyperparameters) ctor = ctor.replaceAll(`{${h.name}}`, float(h.value));
  const slots = row.code.slots.split(' ').filter(Boolean);
  const keys = row.code.torchState.split(' ').filter(Boolean);
  const lines = [banner(`the optimizer, as NN by Hand's ${row.display}, with its state`),
    `optimizer = ${ctor}`, `t = ${step}  # the steps taken (train_step counts on)`];
  if (step === 0 || keys.length === 0) {
    lines.push(step === 0 ? '# no step taken yet: torch creates the state on the first step'
      : '# this optimizer keeps no state');
    return lines.join('\n');
  }
  // each parameter (W1, b1, W2, …) with its slots, shaped like it: a tuple, even of one
  const tuple = (values) => `(${values.join(', ')}${values.length === 1 ? ',' : ''})`;
  const entries = model.layers.flatMap((la, l) => [
    `    # W${l + 1}: ${slots.join(', ')}, each (${la.units}, ${la.fanIn})\n    ${tuple(la.state.map((s) => matrix(s.W, la.units, la.fanIn, '        ')))},`,
    `    # b${l + 1}: ${slots.join(', ')}, each (${la.units},)\n    ${tuple(la.state.map((s) => vector(s.b)))},`,
  ]);
  let slot = 0;
  const dict = keys.map((k) => `"${k}": ${k === 'step' ? row.code.torchStep : slots[slot++]}`).join(', ');
  lines.push(`state = [  # the slots ${slots.join(', ')} of each parameter, in model.parameters() order`,
    ...entries, ']',
    'for p, slots in zip(model.parameters(), state):',
    `    ${slots.join(', ')}${slots.length === 1 ? ',' : ''} = (${TENSOR} for v in slots)`,
    `    optimizer.state[p] = {${dict}}`);
  return lines.join('\n');
}

/** The whole file. */
export function write(model) {
  return `${header(model)}
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

${network(model)}

${optimizer(model)}


${banner('the API')}
${inputs(model)}


${loss(model)}


@torch.no_grad()
def predict(X):
    """X (n, ${model.inputs}), one sample a row -> the network's outputs (n, ${model.outputs}), numpy float32."""
    return model(inputs(X)).numpy()


def train_step(X, Y):
    """One optimizer step on the batch X (n, ${model.inputs}), Y (n, ${model.outputs}), as NN by Hand's trainBatch: the
    gradient of the mean data loss plus the L1/L2 penalty. Returns the data loss before the step."""
    global t
    X = inputs(X)
    Y = torch.as_tensor(np.asarray(Y, dtype=np.float32).reshape(-1, ${model.outputs}))
    optimizer.zero_grad()
    loss = loss_fn(X, Y)
    (loss + penalty()).backward()
    optimizer.step()
    t += 1
    return float(loss)


def params():
    """[(W, b), ...] per layer as numpy copies: W (out, in), b (out,)."""
    return [(m.weight.detach().numpy().copy(), m.bias.detach().numpy().copy()) for m in linears]


${scriptMain(model)}`;
}
