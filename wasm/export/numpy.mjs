// export/numpy.mjs — net.export('numpy'): the network as the book writes it, a standalone Python
// file using only NumPy that a teacher can put on a projector. Matrix form, one column per sample;
// the forward pass keeps Z and A per layer, the backward pass states its math (dZ, dW, db, dA) in
// comments; the trained parameters, the optimizer's state and its step count are embedded.
// Every activation, loss and update rule comes from its row's code (the core's tables): nothing
// here knows a row by its name. Arithmetic is float32 as in the core: float32 arrays, Python floats
// for the constants (NumPy 1.24 keeps an array's float32 when the other operand is a Python scalar).
import { body, float, hyperparameterLines, matrix, scriptMain, snake, vector } from './python.mjs';

const WIDTH = 100;
const banner = (title) => `# --- ${title} `.padEnd(WIDTH, '-');
const lines = (...parts) => parts.flat().filter((p) => p !== null).join('\n');
// Where a code field calls a function by name (not a NumPy one: np.tanh( is not tanh().
const calls = (code, name) => new RegExp(`(?<![\\w.])${name}\\(`).test(code);

/** The activation rows the file defines: the layers' own, then any row their code calls. */
function activationRows(model) {
  const used = new Set(model.layers.map((la) => la.activation.name));
  for (let grew = true; grew;) {
    grew = false;
    const code = model.activations.filter((r) => used.has(r.name)).map((r) => `${r.code.numpy}\n${r.code.numpyBackward}`).join('\n');
    for (const r of model.activations) {
      if (!used.has(r.name) && calls(code, r.name)) { used.add(r.name); grew = true; }
    }
  }
  return model.activations.filter((r) => used.has(r.name));
}

function header(model) {
  const { optimizer, loss } = model;
  const settings = model.hyperparameters.map((h) => `${snake(h.name)} = ${float(h.value)}`).join(', ');
  const penalties = model.l1 || model.l2
    ? `L1 = ${float(model.l1)}, L2 = ${float(model.l2)} on the weights (never the biases)` : 'none';
  const inputs = model.standardizer ? 'standardized first: x\' = (x - mean) / scale (below)' : 'used as given';
  const out = `(n, ${model.outputs})`;
  return `"""A neural network trained in NN by Hand, written the way the book writes it, in NumPy.

Network     ${model.description}
Loss        ${loss.display}${model.fused ? `, computed from the logits Z of the ${model.layers.at(-1).activation.display} output` : ''}
Optimizer   ${optimizer.display} (${settings}), ${model.step} ${model.step === 1 ? 'step' : 'steps'} taken
Penalty     ${penalties}
Inputs      ${model.inputNames.join(', ')} (the columns of X, in this order), ${inputs}

Use it from Python:
    import model_numpy as model
    model.predict(X)          # X (n, ${model.inputs}), one row per sample -> ${out} float32
    model.train_step(X, Y)    # one ${optimizer.display} step on the batch, Y ${out}; returns the loss
    model.params()            # [(W, b), ...]: W (out, in), b (out,), copies
or as a script (the first ${model.inputs} columns of each row are the inputs; a header line is skipped):
    python3 model_numpy.py data.csv

Inside, as in the book, a batch is a matrix with one column per sample: X (${model.inputs}, m),
Z[l] and A[l] (units, m). W[l] and b[l] are the book's W^[l+1] and b^[l+1] (Python counts from 0).
Everything is float32, as in the playground: train_step is its trainBatch, to float32 rounding.
"""`;
}

const shape = (la) => `(${la.units}, ${la.fanIn})`;

function parameters(model) {
  const out = [banner('the trained parameters'), `L = ${model.layers.length}  # layers`,
    'W = [None] * L  # W[l] (units, fan-in): Z = W[l] @ A_prev + b[l]', 'b = [None] * L  # b[l] (units, 1): a column, added to every sample'];
  model.layers.forEach((la, l) => {
    out.push('', `# layer ${l + 1}: ${la.fanIn} -> ${la.units} ${la.activation.name}`,
      `W[${l}] = np.array(${matrix(la.W, la.units, la.fanIn).replace('[\n', `[  # ${shape(la)}: W^[${l + 1}], units × fan-in\n`)}, dtype=np.float32)`,
      `b[${l}] = np.array(${vector(la.b)}, dtype=np.float32).reshape(${la.units}, 1)  # (${la.units}, 1): b^[${l + 1}]`);
  });
  return out;
}

const slotNames = (model) => model.optimizer.code.slots.split(' ').filter(Boolean);

function state(model) {
  const slots = slotNames(model);
  const out = [banner(`the optimizer: ${model.optimizer.display}, its hyperparameters and state`), ...hyperparameterLines(model)];
  if (model.l1) out.push(`l1 = ${float(model.l1)}  # L1 penalty on the weights`);
  if (model.l2) out.push(`l2 = ${float(model.l2)}  # L2 penalty on the weights`);
  out.push(`t = ${model.step}  # steps taken; the next step is t + 1`);
  slots.forEach((name, k) => {
    out.push('', `# ${name}: one array per parameter, shaped like it`,
      `${name}_W = [None] * L`, `${name}_b = [None] * L`);
    model.layers.forEach((la, l) => {
      const { W, b } = la.state[k];
      out.push(`${name}_W[${l}] = np.array(${matrix(W, la.units, la.fanIn).replace('[\n', `[  # ${shape(la)}, like W[${l}]\n`)}, dtype=np.float32)`,
        `${name}_b[${l}] = np.array(${vector(b)}, dtype=np.float32).reshape(${la.units}, 1)  # (${la.units}, 1), like b[${l}]`);
    });
  });
  if (!slots.length) out.push(`# (${model.optimizer.display} keeps no state besides t)`);
  return out;
}

function activations(model) {
  const rows = activationRows(model);
  const code = rows.map((r) => `${r.code.numpy}\n${r.code.numpyBackward}`).join('\n');
  const out = [banner('activations: A = f(Z), and dZ from dA, on (units, m) arrays')];
  if (calls(code, 'erf')) out.push('erf = np.vectorize(math.erf, otypes=[np.float32])  # the error function, elementwise', '');
  for (const r of rows) {
    const backward = r.elementwise ? `dZ = ${r.name}'(Z) ⊙ dA` : 'dZ = J_fᵀ dA, column by column (every output depends on every Z)';
    out.push('', `def ${r.name}(Z):`, `    """${r.display}${r.about ? `, ${r.about}` : ''}: A (units, m) from Z (units, m)."""`, body(r.code.numpy),
      '', '', `def ${r.name}_backward(Z, A, dA):`, `    """${backward}   (units, m)"""`, body(r.code.numpyBackward), '');
  }
  out.push('', `activation = [${model.layers.map((la) => la.activation.name).join(', ')}]  # activation[l]: layer l's f`,
    `activation_backward = [${model.layers.map((la) => `${la.activation.name}_backward`).join(', ')}]`);
  return out;
}

function loss(model) {
  const { loss: row } = model, o = model.outputs;
  const out = [banner(`the loss: ${row.display}`), ''];
  if (model.fused) {
    out.push(`def loss_from_logits(Z, Y):`, `    """ℒ of the batch from the logits Z (${o}, m) and targets Y (${o}, m): no log of 0."""`,
      '    n_L, m = Z.shape', body(row.code.numpyFused), '', '',
      `def loss_backward_from_logits(A, Y):`, `    """dZ (${o}, m) = ∂ℓ_j/∂Z for each sample j, given A = f(Z)."""`,
      '    n_L, m = A.shape', body(row.code.numpyFusedGradient));
  } else {
    out.push(`def loss(A, Y):`, `    """ℒ of the batch: outputs A (${o}, m), targets Y (${o}, m)."""`,
      '    n_L, m = A.shape', body(row.code.numpy), '', '',
      `def loss_backward(A, Y):`, `    """dA (${o}, m) = ∂ℓ_j/∂A for each sample j (the mean over samples comes in dW and db)."""`,
      '    n_L, m = A.shape', body(row.code.numpyGradient));
  }
  return out;
}

function standardizer(model) {
  const s = model.standardizer;
  const out = [banner('the inputs: rows are samples outside, columns inside')];
  if (s) {
    out.push(`input_mean = np.array([${s.mean.map(float).join(', ')}])  # (${model.inputs},) float64`,
      `input_scale = np.array([${s.scale.map(float).join(', ')}])  # (${model.inputs},) float64`, '');
  }
  out.push('', 'def columns(X):', `    """X (n, ${model.inputs}), one row per sample -> (${model.inputs}, n) float32, one column per sample."""`,
    `    X = np.asarray(X, dtype=np.float32).reshape(-1, ${model.inputs})`);
  if (s) out.push('    X = ((X.astype(np.float64) - input_mean) / input_scale).astype(np.float32)  # x\' = (x - mean) / scale, in float64');
  out.push('    return X.T');
  return out;
}

function passes(model) {
  const output = model.fused
    ? ['    dZ = loss_backward_from_logits(A[-1], Y)  # (outputs, m): dZ^[L] from the logits, the loss fused with f']
    : ['    dA = loss_backward(A[-1], Y)  # (outputs, m): dA^[L] = ∂ℓ/∂A^[L]',
      '    dZ = activation_backward[-1](Z[-1], A[-1], dA)  # (outputs, m): dZ^[L] = f\'(Z^[L]) ⊙ dA^[L]'];
  return [banner('forward and backward'), '', 'def forward(X):',
    '    """X (inputs, m) -> Z, A: each layer\'s (units, m); A[-1] is the output."""',
    '    Z, A = [None] * L, [None] * L',
    '    A_prev = X  # A^[0] = X  (inputs, m)',
    '    for l in range(L):',
    '        Z[l] = W[l] @ A_prev + b[l]  # (units, m) = (units, fan-in) @ (fan-in, m) + (units, 1)',
    '        A[l] = activation[l](Z[l])  # (units, m): A = f(Z)',
    '        A_prev = A[l]',
    '    return Z, A', '', '',
    'def backward(X, Y, Z, A):',
    '    """The gradients of the batch\'s mean loss: dW[l] (units, fan-in), db[l] (units, 1)."""',
    '    m = X.shape[1]', ...output,
    '    dW, db = [None] * L, [None] * L',
    '    for l in reversed(range(L)):',
    '        A_prev = A[l - 1] if l > 0 else X  # (fan-in, m)',
    '        dW[l] = dZ @ A_prev.T / m  # (units, fan-in): dW = dZ A_prevᵀ / m',
    '        db[l] = dZ.sum(axis=1, keepdims=True) / m  # (units, 1): db = the mean of dZ over the columns',
    '        if l > 0:',
    '            dA = W[l].T @ dZ  # (fan-in, m): dA_prev = Wᵀ dZ',
    '            dZ = activation_backward[l - 1](Z[l - 1], A[l - 1], dA)  # (fan-in, m): dZ_prev = f\'(Z_prev) ⊙ dA_prev',
    '    return dW, db'];
}

function api(model) {
  const slots = slotNames(model);
  const penalty = [model.l2 ? 'l2 * W[l]' : null, model.l1 ? 'l1 * np.sign(W[l])' : null].filter(Boolean).join(' + ');
  const tuple = (p) => [`${p}[l]`, `d${p}[l]`, ...slots.map((s) => `${s}_${p}[l]`)].join(', ');
  const cost = model.fused ? 'loss_from_logits(Z[-1], Y)' : 'loss(A[-1], Y)';
  return [banner('the API: predict, train_step, params'), '', 'def predict(X):',
    `    """X (n, ${model.inputs}), one row per sample -> (n, ${model.outputs}) float32."""`,
    '    Z, A = forward(columns(X))', '    return np.ascontiguousarray(A[-1].T)', '', '',
    'def train_step(X, Y):',
    `    """One ${model.optimizer.display} step on the batch X (n, ${model.inputs}), Y (n, ${model.outputs}), as trainBatch; returns the loss."""`,
    '    global t', '    X = columns(X)  # (inputs, m)',
    `    Y = np.asarray(Y, dtype=np.float32).reshape(-1, ${model.outputs}).T  # (outputs, m)`,
    '    Z, A = forward(X)', `    cost = ${cost}  # ℒ`, '    dW, db = backward(X, Y, Z, A)',
    '    if not (np.isfinite(cost) and all(np.isfinite(g).all() for g in dW + db)):',
    '        return float(cost)  # as the playground: no step on a gradient that is not finite',
    penalty ? lines('    for l in range(L):  # the penalties, on the weights only: g += l2·W + l1·sign(W)', `        dW[l] += ${penalty}`) : null,
    '    t += 1',
    '    for l in range(L):',
    `        for ${['p', 'g', ...slots].join(', ')} in ((${tuple('W')}), (${tuple('b')})):  # in place`,
    ...model.optimizer.code.numpy.map((line) => `            ${line}`),
    '    return float(cost)', '', '',
    'def params():', '    """[(W, b), ...]: W (out, in) and b (out,) float32, copies."""',
    '    return [(W[l].copy(), b[l].ravel().copy()) for l in range(L)]'];
}

/** The file, as a string. */
export function write(model) {
  const rows = activationRows(model);
  const erf = calls(rows.map((r) => `${r.code.numpy}\n${r.code.numpyBackward}`).join('\n'), 'erf');
  const text = lines(header(model), erf ? 'import math' : null, 'import numpy as np', '', '',
    parameters(model), '', '', state(model), '', '', activations(model), '', '', loss(model), '', '',
    standardizer(model), '', '', passes(model), '', '', api(model), '', '', scriptMain(model));
  return text;
}
