// Run the rdv_forms test suite inside real Pyodide under Node, with the exact runtime,
// wheel and lock file the site ships.
//   node run_forms_tests.mjs SITE_PYODIDE_DIR STDLIB_ZIP PROJECT_ROOT VENV_SITE_PACKAGES [pytest args…]
// STDLIB_ZIP is Pyodide's full standard library: pytest needs modules the forms do not,
// which the site's slim library leaves out (the build checks that one on its own).
// pytest and hypothesis are pure Python: they are mounted read-only from the project's venv,
// whose Python minor version is Pyodide's (3.13). rdv_forms itself comes from the shipped
// wheel, loaded through loadPackage, so its sha256 is checked against the lock file.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, stdlib, projectRoot, sitePackages, ...pytestArgs] = process.argv.slice(2);
// pytest in Pyodide recurses deeper than Node's default stack allows: run with --stack-size.
const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);

const pyodide = await loadPyodide({
  indexURL: runtimeDir + path.sep,
  stdLibURL: stdlib,
  lockFileURL: path.join(runtimeDir, "pyodide-lock.json"),
});
// RDV_PYODIDE_PACKAGES: which of the lock file's packages to load ("rdv-forms" unless told,
// as on the first visit; "rdv-forms,rdv-forms-pdf" adds the PDF feature's wheel).
const packages = (process.env.RDV_PYODIDE_PACKAGES || "rdv-forms").split(",");
await pyodide.loadPackage(packages, { messageCallback: () => {} });

const mount = (host, target) => {
  pyodide.FS.mkdirTree(target);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: host }, target);
};
mount(projectRoot, "/project");
mount(sitePackages, "/venv-site-packages");

pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs));
let exitCode;
try {
  exitCode = await pyodide.runPythonAsync(`
import os, sys
import rdv_forms
# The wheel's copy must win over any source tree: that is what the site ships.
assert "/project" not in os.path.dirname(rdv_forms.__file__), rdv_forms.__file__
sys.path.append("/venv-site-packages")
os.chdir("/project")
import pytest
int(pytest.main(["-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:hypothesispytest", "-o", "addopts=", *pytest_args]))
`);
} catch (error) {
  console.error(String(error.message || error).slice(-4000));
  exitCode = 3;
}
process.exit(exitCode);
