package org.zarrspark.spark.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.CfCalendar;
import org.zarrspark.core.metadata.CfUnits;

/**
 * CF conventions as xarray applies them when it opens a store: _FillValue and missing_value
 * become NULL (masked before scaling), then scale_factor/add_offset; "units since date" times on
 * the standard, julian and noleap calendars become timestamps, on all_leap and 360_day the dates'
 * own text ({@link #cfTime}). Other calendars stay raw numbers.
 */
public final class CfConventions {

  private CfConventions() {}

  /** Decoding of an array's values with CF decoding on or off. */
  public static Decoding decoding(ArrayMetadata meta, boolean cf) {
    // xarray reads a v2 array's fill_value as its _FillValue; in v3 only the attribute counts.
    JsonNode v2Fill = meta.zarrFormat() == 2 ? meta.document().get("fill_value") : null;
    return decoding(meta.dataType(), meta.attributes(), cf, v2Fill);
  }

  /** Decoding of a variable with CF decoding on or off. */
  public static Decoding decoding(DataType type, ObjectNode attrs, boolean cf, JsonNode v2Fill) {
    Decoding.Builder b = new Decoding.Builder();
    b.out = rawOut(type);
    if (type.kind() == DataType.Kind.DATETIME) {
      b.out = Decoding.Out.TIMESTAMP;
      b.datetimeUnitNanos = unitNanos(type.unit()) * type.unitScale();
      if (b.datetimeUnitNanos <= 0) {
        b.out = Decoding.Out.LONG;
        b.note = "datetime64[" + type.unit() + "] kept as raw ticks";
      }
      return b.build();
    }
    if (type.kind() == DataType.Kind.TIMEDELTA) {
      b.timedeltaScale = type.unitScale(); // LONG: a count of the base unit, NaT is NULL
      return b.build();
    }
    if (type.kind() == DataType.Kind.STRUCT) {
      return struct(type, b);
    }
    if (!cf) {
      return b.build();
    }
    boolean narrow = type.kind() == DataType.Kind.NARROW_FLOAT;
    boolean numeric = type.isInteger() || type.isFloating() || narrow;
    if (!numeric) {
      return b.build();
    }
    b.nanIsNull = type.isFloating() || narrow;
    List<Double> masks = new ArrayList<>();
    List<Long> longMasks = new ArrayList<>();
    for (String name : new String[] {"_FillValue", "missing_value"}) {
      JsonNode v = attrs.get(name);
      if (v == null && name.equals("_FillValue")) {
        v = v2Fill;
      }
      if (v == null || v.isNull()) {
        continue;
      }
      for (JsonNode x : v.isArray() ? v : List.of(v)) {
        addMask(x, type, masks, longMasks);
      }
    }
    b.maskValues = masks.stream().mapToDouble(Double::doubleValue).toArray();
    b.maskLongs = longMasks.stream().mapToLong(Long::longValue).toArray();
    Double scale = number(attrs.get("scale_factor"));
    Double offset = number(attrs.get("add_offset"));
    if (scale != null || offset != null) {
      b.scaled = true;
      b.scale = scale == null ? 1 : scale;
      b.offset = offset == null ? 0 : offset;
      // xarray (since 2024.03) takes the float width from the attributes' own types; in Zarr
      // they are JSON numbers, Python floats, so packed data always decodes to float64.
      b.out = Decoding.Out.DOUBLE;
    }
    JsonNode units = attrs.get("units");
    if (units != null && units.isTextual()) {
      cfTime(b, units.textValue(), attrs.path("calendar").asText("standard").toLowerCase(Locale.ROOT));
    }
    return b.build();
  }

  /** A struct column: each field decoded as a plain array of its type would be (no CF attributes). */
  private static Decoding struct(DataType type, Decoding.Builder b) {
    List<DataType.Field> fs = type.fields();
    b.fieldNames = new String[fs.size()];
    b.fields = new Decoding[fs.size()];
    for (int i = 0; i < fs.size(); i++) {
      Decoding d = decoding(fs.get(i).type(), EMPTY, false, null);
      if (d.out == null) {
        b.out = null; // a field Spark cannot hold (complex): the column is left out, as for the type alone
        b.note = "struct field '" + fs.get(i).name() + "' (" + fs.get(i).type() + ") has no Spark type";
        return b.build();
      }
      b.fieldNames[i] = fs.get(i).name();
      b.fields[i] = d;
    }
    b.out = Decoding.Out.STRUCT;
    return b.build();
  }

  private static final ObjectNode EMPTY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();

  /**
   * CF {@code "<unit> since <date>"} times: timestamps on the calendars whose dates timestamps
   * hold (standard, proleptic_gregorian, julian as the instant, noleap as the label), the
   * calendar's own date text on all_leap and 360_day (2001-02-29, 2001-02-30 are no timestamps).
   * Months and years, unknown calendars and reference dates the calendar lacks stay raw, noted.
   */
  private static void cfTime(Decoding.Builder b, String units, String calendarName) {
    CfUnits.Fields f = CfUnits.fields(units);
    if (f == null) {
      return;
    }
    CfCalendar cal = CfCalendar.of(calendarName);
    String raw = "calendar '" + calendarName + "' kept as raw numbers (" + units + ")";
    if (cal == null) {
      b.note = raw + ": not a calendar this reader knows";
      return;
    }
    if (f.unitMicros() <= 0) {
      if (cal != CfCalendar.PROLEPTIC_GREGORIAN) {
        b.note = raw + ": '" + f.unit() + "' has no fixed length";
      }
      return;
    }
    long reference;
    try {
      reference = cal.referenceMicros(f);
    } catch (IllegalArgumentException e) {
      b.note = raw + ": " + e.getMessage();
      return;
    }
    b.cfTime = true;
    b.calendar = cal;
    b.timeUnits = units;
    b.timeUnitMicros = f.unitMicros();
    b.timeEpochMicros = reference;
    b.out = cal.timestamps() ? Decoding.Out.TIMESTAMP : Decoding.Out.STRING;
    if (cal == CfCalendar.NOLEAP) {
      b.note = "calendar '" + calendarName + "': dates as Gregorian timestamps of the same label";
    } else if (cal == CfCalendar.JULIAN) {
      b.note = "calendar 'julian': timestamps of the same instant (labels are Gregorian)";
    } else if (!cal.timestamps()) {
      b.note = "calendar '" + calendarName + "': dates as text in the calendar's own labels (cfDecode=false: raw numbers)";
    }
  }

  /**
   * {unit in microseconds, reference in microseconds since 1970} of CF {@code "<unit> since <date>"}
   * units, or null when they are not such units (the writer extends times of existing stores).
   */
  public static long[] sinceUnits(String units) {
    CfUnits.Since since = CfUnits.parse(units);
    return since == null || since.unitMicros() <= 0 ? null : new long[] {since.unitMicros(), since.epochMicros()};
  }

  /** Spark representation of raw stored values; uint64 becomes DECIMAL(20,0) to hold every value. */
  public static Decoding.Out rawOut(DataType type) {
    switch (type.kind()) {
      case BOOL:
        return Decoding.Out.BOOLEAN;
      case INT:
        switch (type.itemSize()) {
          case 1: return Decoding.Out.BYTE;
          case 2: return Decoding.Out.SHORT;
          case 4: return Decoding.Out.INT;
          default: return Decoding.Out.LONG;
        }
      case UINT:
        switch (type.itemSize()) {
          case 1: return type.bits() < 8 ? Decoding.Out.BYTE : Decoding.Out.SHORT; // uint2/uint4 fit a byte
          case 2: return Decoding.Out.INT;
          case 4: return Decoding.Out.LONG;
          default: return Decoding.Out.DECIMAL;
        }
      case FLOAT:
        return type.itemSize() == 8 ? Decoding.Out.DOUBLE : Decoding.Out.FLOAT;
      case NARROW_FLOAT:
        return Decoding.Out.FLOAT; // every bfloat16 / float8 / float6 / float4 value is a float32
      case STRUCT:
        return Decoding.Out.STRUCT;
      case VLEN_BYTES:
        return Decoding.Out.BINARY;
      case DATETIME:
        return Decoding.Out.TIMESTAMP;
      case TIMEDELTA:
        return Decoding.Out.LONG;
      case STRING:
      case UNICODE:
        return Decoding.Out.STRING;
      case BYTES:
        return Decoding.Out.BINARY;
      default:
        return null; // complex: not representable as one column
    }
  }

  private static void addMask(JsonNode x, DataType type, List<Double> masks, List<Long> longMasks) {
    if (x.isTextual()) {
      String s = x.textValue();
      switch (s) {
        case "NaN":
          return; // NaN is NULL anyway for floats
        case "Infinity":
          masks.add(Double.POSITIVE_INFINITY);
          return;
        case "-Infinity":
          masks.add(Double.NEGATIVE_INFINITY);
          return;
        default:
          // xarray writes v3 float fill values as base64 of the value's bytes.
          try {
            byte[] raw = Base64.getDecoder().decode(s);
            ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            double d;
            if (raw.length == 8) {
              d = type.isInteger() ? bb.getLong() : bb.getDouble();
            } else if (raw.length == 4) {
              d = type.isInteger() ? bb.getInt() : bb.getFloat();
            } else if (raw.length == 2) {
              d = bb.getShort();
            } else if (raw.length == 1) {
              d = raw[0];
            } else {
              return;
            }
            if (!Double.isNaN(d)) {
              masks.add(d);
            }
          } catch (IllegalArgumentException e) {
            // not a fill value we can interpret: ignore, as xarray would fail later
          }
          return;
      }
    }
    if (x.isIntegralNumber() && x.canConvertToLong() && type.isInteger() && type.itemSize() == 8) {
      longMasks.add(x.longValue());
      return;
    }
    if (x.isNumber()) {
      masks.add(x.doubleValue());
    }
  }

  private static Double number(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isArray() && n.size() == 1) {
      n = n.get(0);
    }
    return n.isNumber() ? n.doubleValue() : null;
  }

  static long unitMicros(String unit) {
    return CfUnits.unitMicros(unit);
  }

  /** datetime64 unit in nanoseconds (0 for calendar units Y/M that have no fixed length). */
  static long unitNanos(String unit) {
    switch (unit) {
      case "W": return 7 * 86_400_000_000_000L;
      case "D": return 86_400_000_000_000L;
      case "h": return 3_600_000_000_000L;
      case "m": return 60_000_000_000L;
      case "s": return 1_000_000_000L;
      case "ms": return 1_000_000L;
      case "us": return 1_000L;
      case "ns": return 1L;
      default: return 0;
    }
  }
}
