// Bundle one of the form's scripts (theme/static/js/form.js and its modules form/*.js; the
// forms worker) into one minified module, with a source map that shows the original
// modules in the browser's developer tools. Called by pyodide_forms.py as
//   node bundle.mjs ENTRY OUTPUT
// and prints {"bytes": …, "modules": [...]} as JSON.
//
// One file instead of ten: no request for each module, and about half the bytes of the
// commented sources (the first visit's byte budget is tight).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { rollup } from "rollup";
import { minify } from "terser";

const [entry, target] = process.argv.slice(2);
const sourceFolder = path.dirname(path.resolve(entry));

const bundle = await rollup({
  input: entry,
  // A warning here is a mistake in the modules (an import that names nothing, a cycle).
  onwarn(warning) {
    throw new Error(`bundling ${entry}: ${warning.message}`);
  },
});
const { output } = await bundle.generate({
  format: "es",
  sourcemap: true,
  // The source map names the modules as they are under the theme's js folder.
  sourcemapPathTransform: (relative, mapFile) =>
    path.relative(sourceFolder, path.resolve(path.dirname(mapFile), relative)),
});
await bundle.close();
const chunks = output.filter((file) => file.type === "chunk");
if (chunks.length !== 1) throw new Error(`bundling ${entry}: ${chunks.length} chunks, not 1`);
const [chunk] = chunks;
const mapName = `${path.basename(target)}.map`;
const minified = await minify(chunk.code, {
  module: true,
  sourceMap: { content: chunk.map, url: mapName, includeSources: true },
});
await writeFile(target, minified.code);
await writeFile(path.join(path.dirname(target), mapName), minified.map);
console.log(JSON.stringify({ bytes: minified.code.length, modules: Object.keys(chunk.modules) }));
