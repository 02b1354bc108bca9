// maps.js — a neuron's activation over the input plane as a picture (TF Playground's thumbnails):
// the value on the diverging orange ↔ white ↔ blue scale. An activation bounded at both ends (its
// catalog row's lo and hi) is scaled to that range around its middle (0…1 around ½, −1…1 around
// 0); an unbounded one, or an input feature (no row), to the map's own largest |value|.
import { diverging } from '../boundary.js';

/** (v) → t in [−1, 1] for one map: values[offset + i·stride], i < count. range: the activation's
 *  catalog row ({ lo, hi }, null for an open end), or null for an input feature. */
export function normalizer(range, values, stride, offset, count) {
  if (range && range.lo !== null && range.hi !== null) {
    const mid = (range.lo + range.hi) / 2, half = (range.hi - range.lo) / 2;
    return (v) => (v - mid) / half;
  }
  let max = 1e-6;
  for (let i = 0; i < count; i++) max = Math.max(max, Math.abs(values[offset + i * stride]));
  return (v) => v / max;
}

/** Paints one map (res × res, row by row from the top) into `canvas` (resized to res × res).
 *  activation: the layer's catalog row, or null for an input feature. */
export function paintMap(canvas, values, res, { stride = 1, offset = 0, activation = null, strength = 1 } = {}) {
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
