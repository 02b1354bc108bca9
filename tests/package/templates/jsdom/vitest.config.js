// vitest.config.js — the consumer's test runner in its jsdom environment, twice: as installed
// (vitest loads node_modules natively) and with the package inlined (vitest transforms it for the
// web, which rewrites its `new URL('./nn_wasm.wasm', import.meta.url)` to the test page's origin).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'jsdom', environment: 'jsdom', include: ['*.spec.js'] } },
      { test: { name: 'jsdom-inline', environment: 'jsdom', include: ['*.spec.js'], server: { deps: { inline: ['nn-by-hand'] } } } },
    ],
  },
});
