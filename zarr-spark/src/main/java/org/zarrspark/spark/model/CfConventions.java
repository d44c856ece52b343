package org.zarrspark.spark.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.metadata.ArrayMetadata;

/**
 * CF conventions as xarray applies them when it opens a store: _FillValue and missing_value
 * become NULL (masked before scaling), then scale_factor/add_offset; "units since date" times on
 * the standard calendars become timestamps. Other calendars stay raw numbers.
 */
public final class CfConventions {
  private static final Pattern SINCE = Pattern.compile(
      "\\s*(\\w+)\\s+since\\s+(\\d{1,4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d+))?)?)?\\s*(Z|UTC|[+-]00:?00)?\\s*");

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
    if (!cf) {
      return b.build();
    }
    boolean numeric = type.isInteger() || type.isFloating();
    if (!numeric) {
      return b.build();
    }
    b.nanIsNull = type.isFloating();
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
      Matcher m = SINCE.matcher(units.textValue());
      if (m.matches()) {
        String calendar = attrs.path("calendar").asText("standard").toLowerCase(Locale.ROOT);
        if (calendar.equals("standard") || calendar.equals("gregorian") || calendar.equals("proleptic_gregorian")) {
          long unit = unitMicros(m.group(1));
          if (unit > 0) {
            b.cfTime = true;
            b.timeUnitMicros = unit;
            b.timeEpochMicros = epochMicros(m);
            b.out = Decoding.Out.TIMESTAMP;
          }
        } else {
          b.note = "calendar '" + calendar + "' kept as raw numbers (" + units.textValue() + ")";
        }
      }
    }
    return b.build();
  }

  /**
   * {unit in microseconds, reference in microseconds since 1970} of CF {@code "<unit> since <date>"}
   * units, or null when they are not such units (the writer extends times of existing stores).
   */
  public static long[] sinceUnits(String units) {
    Matcher m = SINCE.matcher(units);
    if (!m.matches() || unitMicros(m.group(1)) <= 0) {
      return null;
    }
    return new long[] {unitMicros(m.group(1)), epochMicros(m)};
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
          case 1: return Decoding.Out.SHORT;
          case 2: return Decoding.Out.INT;
          case 4: return Decoding.Out.LONG;
          default: return Decoding.Out.DECIMAL;
        }
      case FLOAT:
        return type.itemSize() == 8 ? Decoding.Out.DOUBLE : Decoding.Out.FLOAT;
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
    switch (unit.toLowerCase(Locale.ROOT)) {
      case "days": case "day": case "d":
        return 86_400_000_000L;
      case "hours": case "hour": case "h": case "hr": case "hrs":
        return 3_600_000_000L;
      case "minutes": case "minute": case "min": case "mins":
        return 60_000_000L;
      case "seconds": case "second": case "s": case "sec": case "secs":
        return 1_000_000L;
      case "milliseconds": case "millisecond": case "ms":
        return 1_000L;
      case "microseconds": case "microsecond": case "us":
        return 1L;
      default:
        return -1;
    }
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

  private static long epochMicros(Matcher m) {
    LocalDate d = LocalDate.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
    int hh = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
    int mm = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
    int ss = m.group(7) == null ? 0 : Integer.parseInt(m.group(7));
    String frac = m.group(8) == null ? "0" : (m.group(8) + "000000").substring(0, 6);
    LocalDateTime t = d.atTime(hh, mm, ss);
    return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + Long.parseLong(frac);
  }
}
