"""Versions of the Python packages the bench compares with (imported by xarray_write.py and
xarray_query.py, which bin/zarr bench copies beside it)."""
import subprocess


def version(module, deb):
    # Debian's xarray says "999" (its build has no version control metadata); dpkg knows the real one.
    v = getattr(module, "__version__", "?")
    if v == "999":
        try:
            v = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", deb], capture_output=True, text=True,
                               check=True).stdout + " (Debian)"
        except (OSError, subprocess.CalledProcessError):
            pass
    return v
