// main.js — no bundler: the package by name through the page's import map, trained on the page,
// and again in a module worker; shows both results.
import { loadNN, NNError } from 'nn-by-hand';
import { trainXor } from './xor.js';
import { show } from './show.js';
import { inWorker } from './start-worker.js';

show(async () => ({ page: trainXor(await loadNN(), NNError), worker: await inWorker() }));
