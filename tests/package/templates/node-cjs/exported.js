// exported.js — node-esm/exported.js as CommonJS: a small network exported as an ONNX model (base64,
// with its predictions at `probe`, for the test to run in onnxruntime-web) and as the NumPy file.
async function exportNetwork(nn) {
  const net = nn.createNetwork({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
    loss: 'binary_crossentropy', optimizer: 'adam', seed: 1 });
  try {
    const probe = [4, 4, -4, 4, 0.5, -0.25];
    const onnx = await net.export('onnx');
    const numpy = await net.export('numpy');
    return { onnx: Buffer.from(onnx).toString('base64'), isBytes: onnx instanceof Uint8Array, numpy, probe,
      predictions: Array.from(net.predict(new Float32Array(probe), 3)) };
  } finally {
    net.dispose();
  }
}
module.exports = { exportNetwork };
