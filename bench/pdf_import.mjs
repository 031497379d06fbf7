// Time one Python import (and optionally one statement) in a fresh Pyodide under Node.
//   node bench/pdf_import.mjs PYODIDE_DIR HOST_DIR PRELUDE MODULE [STATEMENT]
// HOST_DIR is mounted at /host and put first on sys.path; PRELUDE runs before the clock
// starts (what is already imported when the module is asked for). Prints one JSON line:
// {"import_ms": …, "run_ms": …}. Used by bench/pdf_writer.py.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, hostDir, prelude, module, statement] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: runtimeDir + path.sep });
pyodide.FS.mkdirTree("/host");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: hostDir }, "/host");
pyodide.runPython("import sys; sys.path.insert(0, '/host'); sys.dont_write_bytecode = True");
// What both candidates need anyway (zlib, struct, hashlib…), so only their own code is timed.
pyodide.runPython("import zlib, struct, hashlib, io, re, datetime, json, pathlib");
if (prelude) pyodide.runPython(prelude);
let start = performance.now();
pyodide.runPython(`import ${module}`);
const importMs = performance.now() - start;
let runMs = null;
if (statement) {
  start = performance.now();
  pyodide.runPython(statement);
  runMs = performance.now() - start;
}
console.log(JSON.stringify({ import_ms: importMs, run_ms: runMs }));
