-- zarr-spark SQL on the sample climate store.
--
-- Run from the repository root, after `bin/zarr demo` has written demo-output/:
--
--     bin/zarr demo
--     bin/zarr sql -f examples/sql/climate.sql
--
-- The store is named by its path, demo-output/climate-v3.zarr (relative to the current
-- directory; any local path or Hadoop URI works): replace it to query another store, e.g.
--     sed 's|demo-output/climate-v3.zarr|/data/era5.zarr|g' examples/sql/climate.sql > my.sql
-- `bin/zarr sql` registers the zarr catalog, so zarr.`<path>` is a table. Add --format csv
-- for machine-readable output.

-- 1. Size and time range: answered from metadata and coordinates, no data chunk is read.
SELECT count(*) AS points, min(time) AS first_time, max(time) AS last_time
FROM zarr.`demo-output/climate-v3.zarr`;

-- 2. Daily mean 2 m temperature over Europe, in degrees C. The lat/lon predicates select
--    chunks (EXPLAIN shows chunks=PLANNED/TOTAL); NaN gaps are NULL and left out of avg.
SELECT to_date(time) AS day, round(avg(t2m) - 273.15, 2) AS t2m_c, count(t2m) AS samples
FROM zarr.`demo-output/climate-v3.zarr`
WHERE lat BETWEEN 35 AND 70 AND lon BETWEEN 0 AND 40
GROUP BY to_date(time)
ORDER BY day;

-- 3. Land only: the 2-D land-sea mask lsm (lat, lon) is broadcast over time.
SELECT round(avg(t2m), 3) AS land_t2m, count(*) AS points
FROM zarr.`demo-output/climate-v3.zarr`
WHERE lsm = 1 AND lat BETWEEN -20 AND 20;

-- 4. A nested group: ocean/surface uses the root's coordinates (as xarray's DataTree).
SELECT time, lat, lon, sst
FROM zarr.`demo-output/climate-v3.zarr/ocean/surface`
WHERE lat > 0
ORDER BY sst DESC
LIMIT 3;

-- 5. Another dimension set of the same group: co2 is over (time, level).
CREATE OR REPLACE TEMPORARY VIEW profile
USING zarr OPTIONS (path 'demo-output/climate-v3.zarr', dimensions 'time,level');

SELECT level, round(avg(co2), 2) AS mean_co2
FROM profile
GROUP BY level
ORDER BY level;
