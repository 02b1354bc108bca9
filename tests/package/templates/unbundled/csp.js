// csp.js — the page under a strict script policy: the package on the page and in a module worker.
import { loadNN, NNError } from './node_modules/nn-by-hand/dist/lib/nn.mjs';
import { trainXor } from './xor.js';
import { show } from './show.js';
import { inWorker } from './start-worker.js';

show(async () => ({ page: trainXor(await loadNN(), NNError), worker: await inWorker() }));
