// main.js — a CommonJS project ("type": "commonjs"): the package required by name, XOR trained, the
// result printed as JSON, with where Node found the package.
const { loadNN, NNError } = require('nn-by-hand');
const { trainXor } = require('./xor.js');

loadNN().then((nn) => {
  console.log(JSON.stringify({ resolved: require.resolve('nn-by-hand'), ...trainXor(nn, NNError) }));
});
