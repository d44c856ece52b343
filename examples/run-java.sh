#!/usr/bin/env bash
# Builds the examples module and runs org.zarrspark.examples.ClimateExample:
#   examples/run-java.sh [STORE]     (default demo-output/climate-v3.zarr, written when missing)
# Relative store paths are resolved against the current directory, as bin/zarr does.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
echo "building the examples..." >&2
LOG="$(mktemp)"
if ! (cd "$ROOT" && mvn -q -B -DskipTests -pl examples -am package \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/run.classpath -Dmdep.includeScope=provided >"$LOG" 2>&1); then
  cat "$LOG" >&2
  echo "build failed" >&2
  exit 3
fi
rm -f "$LOG"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# The provided scope adds Spark and Hadoop, which a spark-submit would otherwise supply.
CP="$ROOT/examples/target/classes:$(cat "$ROOT/examples/target/run.classpath")"
# The --add-opens flags are the ones Spark's own launcher passes on Java 17.
exec java -Xmx2g -XX:+IgnoreUnrecognizedVMOptions \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  -Dio.netty.tryReflectionSetAccessible=true \
  -cp "$CP" org.zarrspark.examples.ClimateExample "$@"
