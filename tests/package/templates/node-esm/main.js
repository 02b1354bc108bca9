// main.js — a Node ES module project: the package imported by name, XOR trained, the result printed
// as JSON, with where Node found the package and its other exports (the .wasm, the saved
// document's JSON Schema, package.json), and a network exported (exported.js: net.export loads its
// writers, the ONNX one with its bundled encoder, from the installed package).
import { createRequire } from 'node:module';
import { loadNN, NNError } from 'nn-by-hand';
import { trainXor } from './xor.js';
import { exportNetwork } from './exported.js';

const require = createRequire(import.meta.url);
const nn = await loadNN();
console.log(JSON.stringify({
  resolved: import.meta.resolve('nn-by-hand'),
  wasm: import.meta.resolve('nn-by-hand/nn_wasm.wasm'),
  schema: require('nn-by-hand/network.schema.json').$schema,
  version: require('nn-by-hand/package.json').version,
  ...trainXor(nn, NNError),
  exported: await exportNetwork(nn),
}));
