"""Writes the small NetCDF-4 file sets that zarr-core's multi-file tests read
(zarr-core/src/test/resources/netcdf-sets/), with netCDF4-python (Debian's python3-netcdf4).

Each set is a directory of files that are read together along their record dimension:
  ok_record/      2 files, unlimited dimension "record" (not time), chunks of 2 records
  ok_static/      2 files along time, plus a static 2-D field and a bounds array outside time
  lat_differs/    the second file's lat coordinate differs at one element
  misaligned/     the first file has 3 time steps with chunks of 2 (breaks the chunk grid)
  missing_var/    the second file lacks variable pr
  dtype_differs/  tas is float32 in one file, float64 in the other
  units_differ/   time counted from another date in each file (re-counted when read together)
  units_fraction/ the second file counts hours from 00:30: its int32 times are not whole hours of the first
Run: /usr/bin/python3 interop/make_netcdf_sets.py OUT_DIR
"""
import os
import sys

import netCDF4
import numpy as np


def write(path, times, *, lat=(10.0, 20.0, 30.0), tdim="time", tchunk=2, units="hours since 2020-01-01",
          tas_dtype="f4", with_pr=True, static=False):
    with netCDF4.Dataset(path, "w") as d:
        d.createDimension(tdim, None)
        d.createDimension("lat", len(lat))
        d.createDimension("lon", 4)
        t = d.createVariable(tdim, "i4", (tdim,), chunksizes=(tchunk,))
        t.units = units
        t[:] = np.array(times, dtype="i4")
        la = d.createVariable("lat", "f4", ("lat",))
        la[:] = np.array(lat, dtype="f4")
        lo = d.createVariable("lon", "f4", ("lon",))
        lo[:] = np.arange(4, dtype="f4") * 90
        tas = d.createVariable("tas", tas_dtype, (tdim, "lat", "lon"), chunksizes=(tchunk, len(lat), 4),
                               zlib=True, shuffle=True)
        tas.units = "K"
        base = np.array(times, dtype="f8")[:, None, None]
        tas[:] = 280 + base / 10 + np.arange(len(lat))[None, :, None] + np.arange(4)[None, None, :] / 4
        if with_pr:
            pr = d.createVariable("pr", "f4", (tdim, "lat", "lon"), chunksizes=(tchunk, len(lat), 4),
                                  fill_value=np.float32(-999))
            v = np.ones((len(times), len(lat), 4), dtype="f4") * np.array(times, dtype="f4")[:, None, None]
            v[0, 0, 0] = -999  # masked
            pr[:] = v
        if static:
            d.createDimension("bnds", 2)
            b = d.createVariable("lat_bnds", "f4", ("lat", "bnds"))
            b[:] = np.stack([np.array(lat) - 5, np.array(lat) + 5], axis=1)
            orog = d.createVariable("orog", "f4", ("lat", "lon"))
            orog[:] = np.arange(len(lat) * 4, dtype="f4").reshape(len(lat), 4)


def main(out):
    def p(*parts):
        os.makedirs(os.path.join(out, parts[0]), exist_ok=True)
        return os.path.join(out, *parts)

    write(p("ok_record", "a.nc"), [0, 1, 2, 3], tdim="record")
    write(p("ok_record", "b.nc"), [4, 5, 6], tdim="record")
    write(p("ok_static", "f1.nc"), [0, 6], static=True)
    write(p("ok_static", "f2.nc"), [12, 18], static=True)
    write(p("lat_differs", "a.nc"), [0, 6])
    write(p("lat_differs", "b.nc"), [12, 18], lat=(10.0, 20.0, 35.0))
    write(p("misaligned", "a.nc"), [0, 6, 12])
    write(p("misaligned", "b.nc"), [18, 24])
    write(p("missing_var", "a.nc"), [0, 6])
    write(p("missing_var", "b.nc"), [12, 18], with_pr=False)
    write(p("dtype_differs", "a.nc"), [0, 6])
    write(p("dtype_differs", "b.nc"), [12, 18], tas_dtype="f8")
    write(p("units_differ", "a.nc"), [0, 6])
    write(p("units_differ", "b.nc"), [0, 6], units="hours since 2020-01-02")
    write(p("units_fraction", "a.nc"), [0, 6])
    write(p("units_fraction", "b.nc"), [12, 18], units="hours since 2020-01-01 00:30:00")


if __name__ == "__main__":
    main(sys.argv[1])
