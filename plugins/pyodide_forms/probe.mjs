// Boot Pyodide under Node from a built runtime folder, load the forms' wheels, run a Python
// script, and print the value of its RESULT variable.
//   node probe.mjs RUNTIME_DIR STDLIB_ZIP SCRIPT.py EXAMPLES.json
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, stdlib, script, examples] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: runtimeDir + path.sep,
  stdLibURL: stdlib,
  lockFileURL: path.join(runtimeDir, "pyodide-lock.json"),
});
// Every package of the lock file: the forms and the features loaded on demand, whose
// standard-library needs the slim library must meet too (exercise.py runs them).
const lock = JSON.parse(fs.readFileSync(path.join(runtimeDir, "pyodide-lock.json"), "utf8"));
await pyodide.loadPackage(Object.keys(lock.packages), { messageCallback: () => {} });
pyodide.globals.set("EXAMPLES", fs.readFileSync(examples, "utf8"));
await pyodide.runPythonAsync(fs.readFileSync(script, "utf8"));
process.stdout.write(pyodide.globals.get("RESULT"));
