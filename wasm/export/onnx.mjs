// export/onnx.mjs — (being written)
export function write() { throw new Error("export: onnx is being written"); }
