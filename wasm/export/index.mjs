// export/index.mjs — net.export(format): a network's saved document (net.toJSON()) written for another
// runtime. Each format is a module of its own, loaded when first asked for, so a program that never
// exports loads none of them (the ONNX one carries a protobuf encoder). The page's Export menu reads
// the same list.
import { fail, optionsOf, show } from '../errors.mjs';
import { readModel } from './model.mjs';

/** Every format: its name (net.export's argument), what the page calls it, the file it saves as. */
export const formats = [
  { name: 'numpy', display: 'NumPy: the book’s code', file: 'model_numpy.py', type: 'text/x-python',
    load: () => import('./numpy.mjs') },
  { name: 'pytorch', display: 'PyTorch', file: 'model_torch.py', type: 'text/x-python',
    load: () => import('./pytorch.mjs') },
  { name: 'onnx', display: 'ONNX', file: 'model.onnx', type: 'application/octet-stream',
    load: () => import('./onnx.mjs') },
];

/** doc: a saved network (net.toJSON(), already valid); catalog: nn.catalog; options: { inputNames }
 *  (optional: what the inputs are called, one name per input, e.g. the page's features; model.mjs).
 *  A string for the Python formats, a Uint8Array for ONNX. */
export async function exportDocument(doc, catalog, format, options) {
  const entry = formats.find((f) => f.name === format);
  if (!entry) fail('format', `must be one of ${formats.map((f) => `'${f.name}'`).join(', ')} (got ${show(format)})`);
  const model = readModel(doc, catalog, optionsOf(options));  // before the await: the network as it was at the call
  const { write } = await entry.load();
  return write(model);
}
