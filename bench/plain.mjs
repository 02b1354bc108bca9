// plain.mjs — the baseline every ratio is expressed against: a plain JavaScript MLP on
// Float32Arrays, written the way a careful JS programmer would make it fast.
//
// Why these choices: matrix form over a mini-batch with preallocated buffers (no allocation in the
// training loop); all parameters in one flat Float32Array with per-layer views (the optimizer is
// one flat loop); every product written as one register-blocked kernel over contiguous rows
// (measured: 2 × 2 blocking trains W2 ~1.5× faster than a plain dot loop; 2 × 4 gained nothing
// more); the output layer's gradient taken from the logits (sigmoid + bce, softmax + cce), and only
// A kept (every f' used here is a function of a). Samples are rows: x (m × in), W (out × in), both
// row-major. Sums run in JS doubles and are stored as float. The update rules are PyTorch's (adam
// with bias correction, eps added to √v̂). The loss value (reported, not differentiated) is taken
// from the probabilities with torch's clamp of the logs at −100.

const KIND = { linear: 0, tanh: 1, relu: 2, sigmoid: 3, softmax: 4 };

// C (rows × cols) = A (rows × K) · Bᵀ, B (cols × K): every product here has this form, so both
// operands are read along contiguous rows. 2 × 2 blocks give four independent sums (one sum alone
// waits on its previous add every step) and use every loaded value twice.
function matmulNT(A, a0, B, C, rows, cols, K) {
  const r2 = rows & ~1, c2 = cols & ~1;
  let r = 0;
  for (; r < r2; r += 2) {
    const ar = a0 + r * K, ar1 = ar + K;
    let c = 0;
    for (; c < c2; c += 2) {
      const bc = c * K, bc1 = bc + K;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = A[ar + k], x1 = A[ar1 + k], y0 = B[bc + k], y1 = B[bc1 + k];
        s00 += x0 * y0; s01 += x0 * y1; s10 += x1 * y0; s11 += x1 * y1;
      }
      C[r * cols + c] = s00; C[r * cols + c + 1] = s01;
      C[(r + 1) * cols + c] = s10; C[(r + 1) * cols + c + 1] = s11;
    }
    if (c < cols) C[r * cols + c] = dot(A, ar, B, c * K, K), C[(r + 1) * cols + c] = dot(A, ar1, B, c * K, K);
  }
  if (r < rows) for (let c = 0; c < cols; c++) C[r * cols + c] = dot(A, a0 + r * K, B, c * K, K);
}
function dot(A, a, B, b, K) {
  let s = 0;
  for (let k = 0; k < K; k++) s += A[a + k] * B[b + k];
  return s;
}

// Tᵀ (cols × rows) of T (rows × cols), both row-major.
function transpose(T, t0, rows, cols, out) {
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = T[t0 + r * cols + c];
}

// A = f(Z) in place over `count` values (rows of `width` for softmax).
function activate(kind, A, count, width) {
  switch (kind) {
    case 1: for (let i = 0; i < count; i++) A[i] = Math.tanh(A[i]); break;
    case 2: for (let i = 0; i < count; i++) if (!(A[i] > 0)) A[i] = 0; break;
    case 3: for (let i = 0; i < count; i++) A[i] = 1 / (1 + Math.exp(-A[i])); break;
    case 4:  // softmax per row: exp(z − max z) / Σ
      for (let r = 0; r < count; r += width) {
        let zmax = -Infinity;
        for (let o = r; o < r + width; o++) if (A[o] > zmax) zmax = A[o];
        let sum = 0;
        for (let o = r; o < r + width; o++) { const e = Math.exp(A[o] - zmax); A[o] = e; sum += e; }
        for (let o = r; o < r + width; o++) A[o] /= sum;
      }
      break;
    default: break;  // linear
  }
}

export class PlainMLP {
  /** spec: the module's NetworkSpec subset used by the bench; weights/biases: as data.mjs draws. */
  constructor(spec, weights, biases) {
    this.sizes = [spec.inputs, ...spec.layers.map((l) => l.units)];
    this.kinds = spec.layers.map((l) => {
      if (!(l.activation in KIND)) throw new Error(`plain: unsupported activation ${l.activation}`);
      return KIND[l.activation];
    });
    this.loss = spec.loss;
    this.opt = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, ...spec.optimizer };
    this.steps = 0;
    const L = this.sizes.length - 1;
    // Flat parameters: per layer W (out × in, row-major) then b (out); grads and adam state alike.
    let count = 0;
    const offsets = [];
    for (let l = 0; l < L; l++) {
      offsets.push(count);
      count += this.sizes[l + 1] * this.sizes[l] + this.sizes[l + 1];
    }
    this.params = new Float32Array(count);
    this.grads = new Float32Array(count);
    this.m1 = new Float32Array(count);
    this.m2 = new Float32Array(count);
    const views = (buf) => offsets.map((o, l) => [
      buf.subarray(o, o + this.sizes[l + 1] * this.sizes[l]),
      buf.subarray(o + this.sizes[l + 1] * this.sizes[l], o + this.sizes[l + 1] * (this.sizes[l] + 1)),
    ]);
    const p = views(this.params), g = views(this.grads);
    this.W = p.map((v) => v[0]);   // W[l] (out × in)
    this.b = p.map((v) => v[1]);   // b[l] (out)
    this.dW = g.map((v) => v[0]);
    this.db = g.map((v) => v[1]);
    for (let l = 0; l < L; l++) { this.W[l].set(weights[l]); this.b[l].set(biases[l]); }
    this.WT = this.W.map((w) => new Float32Array(w.length));  // Wᵀ scratch for the backward pass
    this.capacity = 0;
    this.trainCapacity = 0;
    this.A = [];   // A[l] (m × units_l) for l = 1..L; A[0] is the caller's x
    this.dZ = [];  // dZ[l] (m × units_l)
  }

  // Buffers for m rows: A for the forward pass; dZ and the transposes only for training.
  #ensure(m, training) {
    if (m > this.capacity) {
      this.capacity = m;
      for (let l = 1; l < this.sizes.length; l++) this.A[l] = new Float32Array(m * this.sizes[l]);
    }
    if (training && m > this.trainCapacity) {
      this.trainCapacity = m;
      for (let l = 1; l < this.sizes.length; l++) this.dZ[l] = new Float32Array(m * this.sizes[l]);
      const widest = Math.max(...this.sizes);
      this.dZT = new Float32Array(m * widest);  // dZᵀ (out × m) scratch
      this.PT = new Float32Array(m * widest);   // A[l−1]ᵀ (in × m) scratch
    }
  }

  // --- forward: A[l] (m × out) = f(A[l−1] (m × in) · W[l]ᵀ + b[l]) -------------------------------
  #forward(x, start, m) {
    const L = this.sizes.length - 1;
    for (let l = 1; l <= L; l++) {
      const nIn = this.sizes[l - 1], nOut = this.sizes[l], kind = this.kinds[l - 1];
      const W = this.W[l - 1], b = this.b[l - 1], A = this.A[l];
      const P = l === 1 ? x : this.A[l - 1];
      const p0 = l === 1 ? start * nIn : 0;
      matmulNT(P, p0, W, A, m, nOut, nIn);  // Z (m × out) = P (m × in) · Wᵀ
      for (let i = 0; i < m; i++) for (let o = 0, ai = i * nOut; o < nOut; o++) A[ai + o] += b[o];
      activate(kind, A, m * nOut, nOut);
    }
    return this.A[L];
  }

  // --- backward: dW[l] = dZ[l]ᵀ A[l−1] / m, db[l] = Σ_rows dZ[l] / m, dZ[l−1] = (dZ[l] W[l]) ⊙ f'(A[l−1])
  #backward(x, y, start, m) {
    const L = this.sizes.length - 1;
    const nOutL = this.sizes[L];
    const AL = this.A[L], dZL = this.dZ[L], y0 = start * nOutL;
    // Output layer from the logits: bce+sigmoid dZ = (a − y)/outputs; cce+softmax dZ = a − y.
    const scale = this.loss === 'binary_crossentropy' ? 1 / nOutL : 1;
    let loss = 0;
    for (let i = 0, e = m * nOutL; i < e; i++) {
      const a = AL[i], t = y[y0 + i];
      dZL[i] = (a - t) * scale;
      if (this.loss === 'binary_crossentropy') {
        loss -= t * Math.max(Math.log(a), -100) + (1 - t) * Math.max(Math.log(1 - a), -100);
      } else if (t !== 0) {
        loss -= t * Math.max(Math.log(a), -100);
      }
    }
    loss /= this.loss === 'binary_crossentropy' ? m * nOutL : m;
    const invM = 1 / m;
    for (let l = L; l >= 1; l--) {
      const nIn = this.sizes[l - 1], nOut = this.sizes[l];
      const dZ = this.dZ[l], dW = this.dW[l - 1], db = this.db[l - 1], W = this.W[l - 1];
      const P = l === 1 ? x : this.A[l - 1];
      const p0 = l === 1 ? start * nIn : 0;
      // dW (out × in) = dZᵀ (out × m) · P (m × in) / m, as dZᵀ · (Pᵀ)ᵀ
      const dZT = this.dZT, PT = this.PT;
      transpose(dZ, 0, m, nOut, dZT);
      transpose(P, p0, m, nIn, PT);
      matmulNT(dZT, 0, PT, dW, nOut, nIn, m);
      for (let i = 0; i < dW.length; i++) dW[i] *= invM;
      for (let o = 0; o < nOut; o++) {  // db (out) = Σ_rows dZ / m
        let sb = 0;
        for (let i = 0, zi = o * m; i < m; i++) sb += dZT[zi + i];
        db[o] = sb * invM;
      }
      if (l === 1) break;
      // dA (m × in) = dZ (m × out) · W (out × in), as dZ · (Wᵀ)ᵀ;  dZ[l−1] = dA ⊙ f'(A[l−1])
      const Aprev = this.A[l - 1], dZprev = this.dZ[l - 1], kind = this.kinds[l - 2], WT = this.WT[l - 1];
      transpose(W, 0, nOut, nIn, WT);
      matmulNT(dZ, 0, WT, dZprev, m, nIn, nOut);
      const count = m * nIn;
      switch (kind) {
        case 1: for (let i = 0; i < count; i++) { const a = Aprev[i]; dZprev[i] *= 1 - a * a; } break;
        case 2: for (let i = 0; i < count; i++) if (!(Aprev[i] > 0)) dZprev[i] = 0; break;
        case 3: for (let i = 0; i < count; i++) { const a = Aprev[i]; dZprev[i] *= a * (1 - a); } break;
        default: break;
      }
    }
    return loss;
  }

  // --- optimizer: one flat loop over every parameter ------------------------------------------------
  #step() {
    const p = this.params, g = this.grads, n = p.length, o = this.opt;
    this.steps++;
    if (o.type === 'sgd') {
      const lr = o.learningRate;
      for (let i = 0; i < n; i++) p[i] -= lr * g[i];
    } else if (o.type === 'adam') {
      // m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − lr/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε)
      const { beta1: b1, beta2: b2, epsilon: eps } = o;
      const stepSize = o.learningRate / (1 - b1 ** this.steps);
      const c2 = Math.sqrt(1 - b2 ** this.steps);
      const m1 = this.m1, m2 = this.m2;
      for (let i = 0; i < n; i++) {
        const gi = g[i];
        m1[i] = b1 * m1[i] + (1 - b1) * gi;
        m2[i] = b2 * m2[i] + (1 - b2) * gi * gi;
        p[i] -= (stepSize * m1[i]) / (Math.sqrt(m2[i]) / c2 + eps);
      }
    } else {
      throw new Error(`plain: unsupported optimizer ${o.type}`);
    }
  }

  // --- public: the same calls the module offers -------------------------------------------------------
  /** One epoch in order (no shuffle): mini-batches of batchSize rows; returns the mean loss. */
  trainEpoch(x, y, n, batchSize) {
    this.#ensure(Math.min(batchSize, n), true);
    let total = 0;
    for (let start = 0; start < n; start += batchSize) {
      const m = Math.min(batchSize, n - start);
      this.#forward(x, start, m);
      total += this.#backward(x, y, start, m) * m;
      this.#step();
    }
    return total / n;
  }
  /** x: n × inputs → a fresh n × outputs array. */
  predict(x, n) {
    this.#ensure(n, false);
    const out = this.sizes.at(-1);
    return this.#forward(x, 0, n).slice(0, n * out);
  }
  weights() { return this.W.map((w) => w.slice()); }
  biases() { return this.b.map((b) => b.slice()); }
}
