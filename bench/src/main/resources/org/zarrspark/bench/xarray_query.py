"""The bench's queries as a Python user runs them with xarray and dask on the same Zarr v2 store
(run by bin/zarr bench, XarrayQueries.java):
  xarray_query.py STORE RUNS THREADS
The store is opened once (xr.open_zarr, dask chunks = the Zarr chunks, as a notebook user does);
each query is computed once untimed, then RUNS times timed, with dask's threaded scheduler on
THREADS threads. Prints one JSON document: versions, and per query the wall ms of each timed run
and a checksum of the answer (kept in latest.json)."""
import json
import sys
import time

from bench_versions import version
import dask
import numpy as np
import xarray as xr


def queries(ds):
    box = ds.t2m.sel(lat=slice(70, 35), lon=slice(0, 40))
    step = ds.sel(time=np.datetime64("2024-01-02T00:00:00"))
    point = ds[["t2m", "u10"]].sel(lat=np.float32(52.5), lon=np.float32(13.5))
    return {
        "full_scan": lambda: [ds.t2m.mean(["lat", "lon"]).values, ds.u10.max(["lat", "lon"]).values],
        "spatial_box": lambda: [box.mean(["lat", "lon"]).values],
        "one_time_step": lambda: [step.t2m.mean().values, step.u10.min().values, step.u10.max().values],
        "point_series": lambda: [point.t2m.values, point.u10.values],
    }


def checksum(arrays):
    return float(sum(np.nansum(np.asarray(a, dtype="f8")) for a in arrays))


def main(store, runs, threads):
    dask.config.set(scheduler="threads", num_workers=threads)
    ds = xr.open_zarr(store, consolidated=True)
    out = {"xarray": version(xr, "python3-xarray"), "dask": dask.__version__, "threads": threads, "queries": {}}
    for name, q in queries(ds).items():
        answer = q()  # warm-up
        ms = []
        for _ in range(runs):
            t0 = time.perf_counter()
            answer = q()
            ms.append((time.perf_counter() - t0) * 1e3)
        out["queries"][name] = {"runs_ms": ms, "checksum": checksum(answer)}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
