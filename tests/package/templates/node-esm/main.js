// main.js — a Node ES module project: the package imported by name, XOR trained, the result printed
// as JSON, with where Node found the package.
import { loadNN, NNError } from 'nn-by-hand';
import { trainXor } from './xor.js';

const nn = await loadNN();
console.log(JSON.stringify({ resolved: import.meta.resolve('nn-by-hand'), ...trainXor(nn, NNError) }));
