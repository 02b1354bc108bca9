// main.js — a CommonJS project ("type": "commonjs"): the package required by name, XOR trained, the
// result printed as JSON, with where Node found the package, and a network exported (exported.js:
// nn.cjs carries the export writers bundled in).
const { loadNN, NNError } = require('nn-by-hand');
const { trainXor } = require('./xor.js');
const { exportNetwork } = require('./exported.js');

loadNN().then(async (nn) => {
  console.log(JSON.stringify({ resolved: require.resolve('nn-by-hand'), ...trainXor(nn, NNError), exported: await exportNetwork(nn) }));
});
