// maps.js — a neuron's activation over the input plane as a picture (TF Playground's thumbnails):
// the value on the diverging orange ↔ white ↔ blue scale, centred on the activation's middle
// (sigmoid/softmax 0.5, else 0) and scaled to its natural range (tanh ±1, sigmoid 0…1) or, for
// unbounded ones (relu, linear, the input features), to the map's own largest |value|.
import { diverging } from '../boundary.js';

/** (v) → t in [−1, 1] for one map: values[offset + i·stride], i < count. */
export function normalizer(activation, values, stride, offset, count) {
  if (activation === 'sigmoid' || activation === 'softmax') return (v) => 2 * v - 1;
  if (activation === 'tanh') return (v) => v;
  let max = 1e-6;
  for (let i = 0; i < count; i++) max = Math.max(max, Math.abs(values[offset + i * stride]));
  return (v) => v / max;
}

/** Paints one map (res × res, row by row from the top) into `canvas` (resized to res × res). */
export function paintMap(canvas, values, res, { stride = 1, offset = 0, activation = 'linear', strength = 1 } = {}) {
  if (canvas.width !== res) canvas.width = canvas.height = res;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(res, res);
  const t = normalizer(activation, values, stride, offset, res * res);
  for (let i = 0; i < res * res; i++) {
    const c = diverging(t(values[offset + i * stride]), strength);
    img.data[4 * i] = c[0]; img.data[4 * i + 1] = c[1]; img.data[4 * i + 2] = c[2]; img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}
