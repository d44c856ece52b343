// Prints a Zarr v3 group as zarrita reads it (raw stored values, no CF decoding), as one JSON
// document: {"arrays": {name: {dtype, shape, fill_value, attributes, values}}}. 64-bit integers
// are printed as strings (exact), NaN/Infinity as strings, so the JSON is standard.
import * as zarr from "zarrita";
import FileSystemStore from "@zarrita/storage/fs";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const store = new FileSystemStore(dir);
const root = zarr.root(store);
// The arrays: every folder below the root whose zarr.json says node_type "array" (found on disk,
// not from our consolidated metadata, so the check does not trust what it checks).
function arraysUnder(rel) {
  const names = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? rel + "/" + e.name : e.name;
    const doc = join(dir, p, "zarr.json");
    if (!e.isDirectory() || !existsSync(doc)) continue;
    const kind = JSON.parse(readFileSync(doc, "utf8")).node_type;
    if (kind === "array") names.push(p);
    else names.push(...arraysUnder(p));
  }
  return names;
}
const names = arraysUnder("");

function plain(v) {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  return v;
}

const out = { arrays: {} };
for (const name of names.sort()) {
  const arr = await zarr.open(root.resolve(name), { kind: "array" });
  const chunk = await zarr.get(arr);
  const values = [];
  for (let i = 0; i < chunk.data.length; i++) values.push(plain(chunk.data.get ? chunk.data.get(i) : chunk.data[i]));
  out.arrays[name] = { dtype: arr.dtype, shape: arr.shape, fill_value: plain(arr.fillValue), attributes: arr.attrs, values };
}
process.stdout.write(JSON.stringify(out));
