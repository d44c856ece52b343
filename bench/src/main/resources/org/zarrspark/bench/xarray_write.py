"""xarray's to_zarr of the bench's first hours, timed here so that interpreter start-up and imports
are not (run by bin/zarr bench, XarrayWrite.java):
  xarray_write.py STORE HOURS RUNS TMPDIR CHUNKS
STORE is the bench's Zarr v2 store; the first HOURS are loaded into memory (NumPy), then written
with to_zarr(mode="w") once untimed and RUNS times timed, each into a fresh TMPDIR (deleted after),
with Blosc lz4 5 + byte shuffle and CHUNKS ("t,y,x") for t2m and u10: what Spark's v2 write uses.
Prints one JSON document: versions, rows, wall and process CPU ms per timed run, bytes and files
of the last write, and the count and sum of t2m's non-NaN values (the "same data" check)."""
import json
import os
import shutil
import sys
import time

from bench_versions import version
import numcodecs
import numpy as np
import xarray as xr
import zarr


def size(path):
    files = [os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs]
    return sum(os.path.getsize(f) for f in files), len(files)


def main(store, hours, runs, tmp, chunks):
    ds = xr.open_zarr(store, consolidated=True).isel(time=slice(0, hours)).load()
    for v in ds.variables.values():  # the source's chunking is not the one compared
        v.encoding.pop("chunks", None)
        v.encoding.pop("preferred_chunks", None)
    for name in ("t2m", "u10"):
        ds[name].encoding["chunks"] = chunks
        ds[name].encoding["compressor"] = numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE)
    wall, cpu = [], []
    for run in range(runs + 1):  # run 0 is the warm-up
        out = os.path.join(tmp, "run%d.zarr" % run)
        shutil.rmtree(out, ignore_errors=True)
        w0, c0 = time.perf_counter(), time.process_time()
        ds.to_zarr(out, mode="w")
        w1, c1 = time.perf_counter(), time.process_time()
        if run > 0:
            wall.append((w1 - w0) * 1e3)
            cpu.append((c1 - c0) * 1e3)
        nbytes, nfiles = size(out)
        shutil.rmtree(out)
    t2m = ds["t2m"].values
    ok = ~np.isnan(t2m)
    print(json.dumps({
        "xarray": version(xr, "python3-xarray"), "zarr": version(zarr, "python3-zarr"),
        "python": "Python " + sys.version.split()[0],
        "rows": int(np.prod([ds.sizes[d] for d in ("time", "lat", "lon")])),
        "runs_ms": wall, "runs_cpu_ms": cpu, "bytes": nbytes, "files": nfiles,
        "values": int(ok.sum()), "sum_t2m": float(t2m[ok].astype(np.float64).sum()),
    }))


if __name__ == "__main__":
    a = sys.argv[1:]
    main(a[0], int(a[1]), int(a[2]), a[3], tuple(int(c) for c in a[4].split(",")))
