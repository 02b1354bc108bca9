// export/numpy.mjs — (being written)
export function write() { throw new Error("export: numpy is being written"); }
