"""Prints a Zarr v2 store as xarray opens it (xr.open_zarr, CF decoding on), as one JSON document:
  xarray_dump.py STORE                    a Zarr v2 store
  xarray_dump.py --refs REFS.json         a kerchunk reference set, through fsspec's ReferenceFileSystem
  xarray_dump.py --netcdf DIM FILE...     NetCDF files, xr.open_mfdataset(combine="nested", concat_dim=DIM)
{"variables": {name: {"dtype", "dims", "attrs", "values"}}}. Values are flattened in C order;
datetime64 as int64 nanoseconds since the epoch (NaT as null), NaN as null, numpy scalars as
Python numbers, so the JSON is standard."""
import json
import math
import sys

import numpy as np
import xarray as xr


def plain(v, dtype):
    if dtype.kind == "M":
        return None if np.isnat(v) else int(v.astype("datetime64[ns]").astype(np.int64))
    if dtype.kind == "f":
        f = float(v)
        return None if math.isnan(f) else f
    if dtype.kind in "iu":
        return int(v)
    if dtype.kind == "b":
        return bool(v)
    return v if isinstance(v, str) else str(v)


def open_dataset(args):
    if args[0] == "--refs":
        import fsspec
        return xr.open_zarr(fsspec.get_mapper("reference://", fo=args[1]), consolidated=False)
    if args[0] == "--netcdf":
        # Variables without the record dimension are taken from the first file, as kerchunk does.
        return xr.open_mfdataset(args[2:], combine="nested", concat_dim=args[1], data_vars="minimal",
                                 coords="minimal", compat="override")
    return xr.open_zarr(args[0], consolidated=True)


def main(args):
    ds = open_dataset(args)
    out = {"variables": {}}
    for name, var in ds.variables.items():
        values = var.values
        out["variables"][name] = {
            "dtype": str(values.dtype),
            "dims": list(var.dims),
            "attrs": {k: str(v) for k, v in var.attrs.items()},
            "values": [plain(v, values.dtype) for v in values.ravel(order="C")],
        }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
