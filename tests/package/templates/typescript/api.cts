// api.cts — the same package from CommonJS TypeScript: `import = require` resolves through the
// "require" condition to nn.cjs and its nn.d.cts. Compiled and run by tests/package/node.test.mjs.
import nnByHand = require('nn-by-hand');

async function main(): Promise<void> {
  const nn: nnByHand.NN = await nnByHand.loadNN();
  const net: nnByHand.Network = nn.createNetwork({ layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
  const data: nnByHand.Dataset = nn.makeDataset('xor', { n: 40 });
  const y = nn.encodeTargets(data, 1, 'sigmoid');
  const loss: number = net.trainEpoch(data.x, y, data.n, { batchSize: 8 });
  let field = '';
  try {
    net.setBias(5, 0, 1);
  } catch (e) {
    if (e instanceof nnByHand.NNError) field = e.field;
  }
  net.dispose();
  if (!Number.isFinite(loss) || field !== 'layer') throw new Error(`api.cts: loss ${loss}, field ${field}`);
  console.log(JSON.stringify({ ok: true, field }));
}

main().catch((e: unknown) => {
  console.error(e);
  throw e;
});
