package org.zarrspark.spark.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.spark.SparkTestBase;

/**
 * What the Spark writer produces opens where users open it: v2 through xarray (Debian's 2023.01 on
 * zarr-python 2.13, CF-decoded) and v3 through zarrita (raw values), compared element by element
 * with the DataFrame written, for every type the writer emits, with and without NULLs.
 */
class LiveReadersTest extends SparkTestBase {
  @TempDir Path tmp;

  static final long T0 = 1_622_505_600_000L; // 2021-06-01T00:00:00Z
  static final int NT = 4;
  static final int NLAT = 3;
  static final int NLON = 5;

  /** Data variables: name, Spark type, and whether some rows hold NULL. */
  static final Object[][] VARIABLES = {
      {"flag", DataTypes.BooleanType, false},
      {"b", DataTypes.ByteType, false}, {"bn", DataTypes.ByteType, true},
      {"s", DataTypes.ShortType, false}, {"sn", DataTypes.ShortType, true},
      {"i", DataTypes.IntegerType, false}, {"in", DataTypes.IntegerType, true},
      {"l", DataTypes.LongType, false}, {"ln", DataTypes.LongType, true},
      {"f", DataTypes.FloatType, true}, {"d", DataTypes.DoubleType, false},
      {"ts", DataTypes.TimestampType, true}, {"name", DataTypes.StringType, true}};

  static StructType schema() {
    StructType s = new StructType().add("time", DataTypes.TimestampType).add("lat", DataTypes.FloatType)
        .add("lon", DataTypes.DoubleType);
    for (Object[] v : VARIABLES) {
      s = s.add((String) v[0], (DataType) v[1]);
    }
    return s;
  }

  /** The value of variable {@code v} at grid point {@code k} (C order), or null. */
  static Object value(int v, int k) {
    boolean isNull = (Boolean) VARIABLES[v][2] && (k * 7 + v) % 5 == 0;
    if (isNull) {
      return null;
    }
    DataType t = (DataType) VARIABLES[v][1];
    int x = k * 37 + v * 11;
    if (t == DataTypes.BooleanType) {
      return (k % 3) != 0; // both values, many falses
    } else if (t == DataTypes.ByteType) {
      return (byte) (x % 200 - 100);
    } else if (t == DataTypes.ShortType) {
      return (short) (x * 251 - 30000);
    } else if (t == DataTypes.IntegerType) {
      return x * 1_000_003 - 2_000_000_000;
    } else if (t == DataTypes.LongType) {
      return (1L << 60) + x * 1_000_000_007L + 1; // beyond 2^53: exact only as integers
    } else if (t == DataTypes.FloatType) {
      return x * 0.25f - 100f;
    } else if (t == DataTypes.DoubleType) {
      return x / 3.0;
    } else if (t == DataTypes.TimestampType) {
      return new Timestamp(T0 + x * 60_000L + 123); // millisecond precision
    }
    return k % 4 == 0 ? "" : "π-" + x; // non-ASCII and empty strings
  }

  static List<Row> rows() {
    List<Row> out = new ArrayList<>();
    for (int k = 0; k < NT * NLAT * NLON; k++) {
      int t = k / (NLAT * NLON);
      int la = k / NLON % NLAT;
      int lo = k % NLON;
      Object[] r = new Object[3 + VARIABLES.length];
      r[0] = new Timestamp(T0 + t * 3_600_000L);
      r[1] = 60f - 10f * la; // descending in rows; coordinates are sorted on write
      r[2] = lo * 1.5;
      for (int v = 0; v < VARIABLES.length; v++) {
        r[3 + v] = value(v, k);
      }
      out.add(RowFactory.create(r));
    }
    return out;
  }

  /** Grid position (C order over sorted coordinates) of row k: lat is written ascending. */
  static int gridIndex(int k) {
    int t = k / (NLAT * NLON);
    int la = k / NLON % NLAT;
    int lo = k % NLON;
    return (t * NLAT + (NLAT - 1 - la)) * NLON + lo;
  }

  private Path write(String format) {
    Path out = tmp.resolve("live-v" + format + ".zarr");
    Dataset<Row> df = spark.createDataFrame(rows(), schema());
    df.write().format("zarr").option("dimensions", "time,lat,lon").option("zarrFormat", format)
        .option("chunks", "2,2,3").save(out.toString());
    return out;
  }

  @Test
  void xarrayReadsTheV2StoreAsTheDataFrame() throws Exception {
    JsonNode vars = IndependentReaders.xarray(write("2")).get("variables");
    assertEquals("datetime64[ns]", vars.get("time").get("dtype").asText());
    for (int t = 0; t < NT; t++) {
      assertEquals(TimeUnit.MILLISECONDS.toNanos(T0 + t * 3_600_000L), vars.get("time").get("values").get(t).asLong());
    }
    assertEquals("float32", vars.get("lat").get("dtype").asText());
    assertEquals(40.0, vars.get("lat").get("values").get(0).asDouble());
    assertEquals("float64", vars.get("lon").get("dtype").asText());
    for (int v = 0; v < VARIABLES.length; v++) {
      String name = (String) VARIABLES[v][0];
      DataType type = (DataType) VARIABLES[v][1];
      boolean nulls = (Boolean) VARIABLES[v][2];
      JsonNode var = vars.get(name);
      assertEquals(List.of("time", "lat", "lon"), dims(var), name);
      assertEquals(xarrayDtype(type, nulls), var.get("dtype").asText(), name + ": dtype");
      JsonNode values = var.get("values");
      for (int k = 0; k < NT * NLAT * NLON; k++) {
        Object want = value(v, k);
        JsonNode got = values.get(gridIndex(k));
        String where = name + " at grid point " + gridIndex(k);
        if (want == null) {
          if (type == DataTypes.StringType) {
            assertEquals("", got.asText(), where); // Zarr strings have no missing value: "" as xarray writes
          } else {
            assertTrue(got.isNull(), where + ": expected missing, got " + got);
          }
        } else if (want instanceof Timestamp) {
          assertEquals(TimeUnit.MILLISECONDS.toNanos(((Timestamp) want).getTime()), got.asLong(), where);
        } else if (want instanceof Boolean) {
          assertEquals(want, got.asBoolean(), where);
        } else if (want instanceof Float || want instanceof Double) {
          assertEquals(((Number) want).doubleValue(), got.asDouble(), where);
        } else if (want instanceof Number) {
          if (nulls) {
            // xarray masks the _FillValue into floats: the value rounded to its float type
            double rounded = t32(type) ? (float) ((Number) want).longValue() : (double) ((Number) want).longValue();
            assertEquals(rounded, got.asDouble(), where);
          } else {
            assertEquals(new BigDecimal(((Number) want).longValue()), got.decimalValue(), where);
          }
        } else {
          assertEquals(want, got.asText(), where);
        }
      }
    }
  }

  private static boolean t32(DataType t) {
    return t == DataTypes.ByteType || t == DataTypes.ShortType;
  }

  private static List<String> dims(JsonNode var) {
    List<String> out = new ArrayList<>();
    var.get("dims").forEach(d -> out.add(d.asText()));
    return out;
  }

  /** The dtype xarray gives: its own for the type; integers with NULLs masked into floats. */
  private static String xarrayDtype(DataType t, boolean nulls) {
    if (t == DataTypes.BooleanType) {
      return "bool";
    } else if (t == DataTypes.ByteType || t == DataTypes.ShortType) {
      return nulls ? "float32" : t == DataTypes.ByteType ? "int8" : "int16";
    } else if (t == DataTypes.IntegerType || t == DataTypes.LongType) {
      return nulls ? "float64" : t == DataTypes.IntegerType ? "int32" : "int64";
    } else if (t == DataTypes.FloatType) {
      return "float32";
    } else if (t == DataTypes.DoubleType) {
      return "float64";
    } else if (t == DataTypes.TimestampType) {
      return "datetime64[ns]";
    }
    return "object";
  }

  @Test
  void zarritaReadsTheV3StoreAsTheDataFrame() throws Exception {
    JsonNode arrays = IndependentReaders.zarrita(write("3")).get("arrays");
    assertEquals(Map.of("time", "int64", "lat", "float32", "lon", "float64"), Map.of(
        "time", arrays.get("time").get("dtype").asText(), "lat", arrays.get("lat").get("dtype").asText(),
        "lon", arrays.get("lon").get("dtype").asText()));
    JsonNode time = arrays.get("time");
    for (int t = 0; t < NT; t++) {
      assertEquals(T0 + t * 3_600_000L, cfMillis(time.get("attributes").get("units").asText(),
          Long.parseLong(time.get("values").get(t).asText())), "time " + t);
    }
    for (int v = 0; v < VARIABLES.length; v++) {
      String name = (String) VARIABLES[v][0];
      DataType type = (DataType) VARIABLES[v][1];
      JsonNode arr = arrays.get(name);
      assertEquals(zarritaDtype(type), arr.get("dtype").asText(), name + ": dtype");
      assertEquals(List.of((long) NT, (long) NLAT, (long) NLON), longs(arr.get("shape")), name);
      JsonNode fill = arr.get("fill_value"); // zarrita's own (BigInt exact); JSON.parse rounds the attribute
      JsonNode fillAttr = arr.get("attributes").get("_FillValue");
      if (fillAttr != null && fillAttr.isNumber()) {
        assertEquals(fillAttr.asDouble(), fill.asDouble(), name + ": _FillValue and fill_value agree");
      }
      for (int k = 0; k < NT * NLAT * NLON; k++) {
        Object want = value(v, k);
        JsonNode got = arr.get("values").get(gridIndex(k));
        String where = name + " at grid point " + gridIndex(k);
        if (want == null) {
          if (type == DataTypes.StringType) {
            assertEquals("", got.asText(), where);
          } else if (type == DataTypes.FloatType || type == DataTypes.DoubleType) {
            assertEquals("NaN", got.asText(), where);
          } else {
            assertTrue(fillAttr != null, name + " has NULLs but no _FillValue");
            assertEquals(fill.asText(), got.asText(), where + ": NULL is stored as the fill value");
          }
        } else if (want instanceof Timestamp) {
          assertEquals(((Timestamp) want).getTime(),
              cfMillis(arr.get("attributes").get("units").asText(), Long.parseLong(got.asText())), where);
        } else if (want instanceof Boolean) {
          assertEquals(want, got.asBoolean(), where);
        } else if (want instanceof Float || want instanceof Double) {
          assertEquals(((Number) want).doubleValue(), got.asDouble(), where);
        } else if (want instanceof Number) {
          assertEquals(((Number) want).longValue(), Long.parseLong(got.asText()), where);
        } else {
          assertEquals(want, got.asText(), where);
        }
      }
    }
  }

  private static List<Long> longs(JsonNode a) {
    List<Long> out = new ArrayList<>();
    a.forEach(x -> out.add(x.asLong()));
    return out;
  }

  private static String zarritaDtype(DataType t) {
    Map<DataType, String> m = new TreeMap<>((a, b) -> a.typeName().compareTo(b.typeName()));
    m.put(DataTypes.BooleanType, "bool");
    m.put(DataTypes.ByteType, "int8");
    m.put(DataTypes.ShortType, "int16");
    m.put(DataTypes.IntegerType, "int32");
    m.put(DataTypes.LongType, "int64");
    m.put(DataTypes.FloatType, "float32");
    m.put(DataTypes.DoubleType, "float64");
    m.put(DataTypes.TimestampType, "int64");
    m.put(DataTypes.StringType, "string");
    return m.get(t);
  }

  /** Milliseconds since the epoch of a CF value "{unit} since {date}" (the units the writer chose). */
  static long cfMillis(String units, long value) {
    String[] p = units.split(" since ");
    String date = p[1].trim().replace('T', ' ');
    LocalDateTime since = date.length() <= 10 ? LocalDateTime.parse(date + " 00:00:00", F) : LocalDateTime.parse(date, F);
    long micros = switch (p[0].trim()) {
      case "days" -> value * 86_400_000_000L;
      case "hours" -> value * 3_600_000_000L;
      case "minutes" -> value * 60_000_000L;
      case "seconds" -> value * 1_000_000L;
      case "milliseconds" -> value * 1_000L;
      case "microseconds" -> value;
      default -> throw new IllegalArgumentException("unit of " + units);
    };
    return since.toInstant(ZoneOffset.UTC).toEpochMilli() + micros / 1000;
  }

  private static final DateTimeFormatter F = new java.time.format.DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart()
      .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();

}
