// attempt.js — loadNN(options), reduced to what the test reads: trained (a working module), or the
// error's class, field and message.
export async function attempt(loadNN, NNError, options) {
  try {
    const nn = await loadNN(options);
    const net = nn.createNetwork({ layers: [{ units: 1 }] });
    const loss = net.trainBatch(new Float32Array([1, 2]), new Float32Array([1]), 1);
    net.dispose();
    return { loaded: Number.isFinite(loss) };
  } catch (e) {
    return { isNNError: e instanceof NNError, field: e.field, message: e.message };
  }
}
