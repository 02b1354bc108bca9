// xor.spec.js — a consumer's unit test under vitest's jsdom environment: the package loads beside a
// DOM (window and document exist) and trains. The result goes to result-<project>.json for the harness.
// (Named .spec.js so that `node --test tests/package/` does not take it for one of its own.)
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { loadNN, NNError } from 'nn-by-hand';
import { trainXor } from './xor.js';

test('nn-by-hand trains XOR in a jsdom environment', async ({ task }) => {
  expect(typeof window).toBe('object');
  expect(typeof document.createElement).toBe('function');
  const result = trainXor(await loadNN(), NNError);
  // vitest runs in the project's folder
  writeFileSync(resolve(`result-${task.file.projectName}.json`), JSON.stringify(result));
  expect(result.accuracy).toBeGreaterThan(0.9);
  expect(result.error.field).toBe('layers[0].units');
});
