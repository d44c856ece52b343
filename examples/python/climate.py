"""zarr-spark from PySpark, on the sample climate store that `bin/zarr demo` writes.

Build the connector and write the sample (from the repository root):

    mvn -B -DskipTests package
    bin/zarr demo

then run, with the connector jar (zarr-spark with zarr-core and its codec libraries) on --jars:

    spark-submit --jars zarr-spark/target/zarr-spark-0.2.0-all.jar \
      examples/python/climate.py demo-output/climate-v3.zarr

On a cluster, give a path or URI that every executor can read (hdfs://, s3a://, ...).
"""
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main(store):
    spark = (
        SparkSession.builder.appName("zarr-climate-example")
        # Times are stored as UTC: show them so.
        .config("spark.sql.session.timeZone", "UTC")
        # Enables SELECT ... FROM zarr.`<path>`.
        .config("spark.sql.catalog.zarr", "org.zarrspark.spark.ZarrCatalog")
        .getOrCreate()
    )

    # The store's root group as one table: time, lat, lon, then one column per variable.
    climate = spark.read.format("zarr").load(store)
    climate.printSchema()

    # Daily mean 2 m temperature over Europe (degrees C). The lat/lon filter selects chunks;
    # NaN gaps are NULL and left out of the mean.
    (
        climate.where(F.col("lat").between(35, 70) & F.col("lon").between(0, 40))
        .groupBy(F.to_date("time").alias("day"))
        .agg(F.round(F.avg("t2m") - 273.15, 2).alias("t2m_c"), F.count("t2m").alias("samples"))
        .orderBy("day")
        .show()
    )

    # SQL: the time series at one grid point; sp (packed int16) comes back decoded, in hPa.
    spark.sql(
        f"SELECT time, t2m, u10, sp FROM zarr.`{store}` "
        "WHERE lat = 52.5 AND lon = 12.5 ORDER BY time LIMIT 8"
    ).show(truncate=False)

    # co2 is over (time, level), not (time, lat, lon): read it with that dimension set.
    (
        spark.read.format("zarr")
        .option("dimensions", "time,level")
        .load(store)
        .groupBy("level")
        .agg(F.round(F.avg("co2"), 2).alias("mean_co2"))
        .orderBy("level")
        .show()
    )

    spark.stop()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: spark-submit --jars ... examples/python/climate.py STORE")
    main(sys.argv[1])
