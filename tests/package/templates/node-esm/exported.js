// exported.js — a Node consumer exports a small network: the ONNX model's bytes (base64, for the
// test to run in onnxruntime-web) with the network's own predictions at `probe`, and the NumPy file.
export async function exportNetwork(nn) {
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
