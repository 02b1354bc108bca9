// export/pytorch.mjs — (being written)
export function write() { throw new Error("export: pytorch is being written"); }
