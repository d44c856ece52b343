package org.zarrspark.core.refs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.error.InconsistentFilesException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.metadata.CfUnits;

/**
 * Time values of files that count from different dates ({@code "hours since 2020-01-01"} in one
 * file, {@code "hours since 2020-01-02"} in the next, as per-day model output often has), put on
 * the first file's units as xarray's decoding would see them: each file's values are read,
 * re-counted, and the concatenated array is held inline, one uncompressed chunk (kerchunk's
 * MultiZarrToZarr inlines its time coordinate the same way). Exact or refused: an integer that
 * the new units cannot hold exactly is an error, never a rounded time.
 */
final class TimeShift {
  private TimeShift() {}

  /** Whether two files' units differ only in what they count from (and the unit): both CF "since" units, standard calendars. */
  static boolean convertible(ObjectNode attrs0, ObjectNode attrs) {
    CfUnits.Since a = since(attrs0);
    CfUnits.Since b = since(attrs);
    return a != null && b != null && Objects.equals(attrs0.get("calendar"), attrs.get("calendar"))
        && CfUnits.standardCalendar(attrs0.path("calendar").asText(null));
  }

  private static CfUnits.Since since(ObjectNode attrs) {
    JsonNode u = attrs.get("units");
    CfUnits.Since s = u != null && u.isTextual() ? CfUnits.parse(u.textValue()) : null;
    return s == null || s.unitMicros() <= 0 ? null : s;
  }

  /** Reads every file's values of {@code array}, re-counts them in the first file's units and stores them inline. */
  static void inline(List<ConcatenatedReferences.Part> parts, String array, int axis, ObjectNode z0, ObjectNode attrs0,
      Map<String, byte[]> metadata, Map<String, Ref> chunks) {
    long[] shape = ConcatenatedReferences.longs(z0.get("shape"));
    if (axis != 0) {
      throw new InconsistentFilesException(array + " counts time from different dates in different files and runs"
          + " along the record dimension on axis " + axis + ": only axis 0 can be re-counted");
    }
    CfUnits.Since to = since(attrs0);
    JsonNode fillNode = z0.get("fill_value");
    long total = 0;
    NdBuffer[] values = new NdBuffer[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      values[i] = parts.get(i).values().apply(array);
      total += values[i].size();
    }
    if (total > ConcatenatedReferences.MAX_COMPARED_ELEMENTS) {
      throw new InconsistentFilesException(array + " counts time from different dates in different files and has "
          + total + " values: re-counting is done for at most " + ConcatenatedReferences.MAX_COMPARED_ELEMENTS);
    }
    boolean floating = values[0].type().isFloating();
    int item = values[0].type().itemSize();
    ByteBuffer out = ByteBuffer.allocate((int) total * item).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < parts.size(); i++) {
      ConcatenatedReferences.Part p = parts.get(i);
      ObjectNode attrs = (ObjectNode) Json.parse(p.refs().metadata().get(ConcatenatedReferences.key(array, ".zattrs")));
      CfUnits.Since from = since(attrs);
      NdBuffer v = values[i];
      for (int k = 0; k < v.size(); k++) {
        if (floating) {
          double d = v.getAsDouble(k);
          boolean fill = fillNode != null && fillNode.isNumber() && d == fillNode.asDouble() || Double.isNaN(d);
          double r = fill ? d : (d * from.unitMicros() + (from.epochMicros() - to.epochMicros())) / to.unitMicros();
          if (item == 4) {
            out.putFloat((float) r);
          } else {
            out.putDouble(r);
          }
          continue;
        }
        long x = v.getAsLong(k);
        long r = x;
        if (!(fillNode != null && fillNode.isIntegralNumber() && x == fillNode.asLong())) {
          long micros = Math.addExact(Math.multiplyExact(x, from.unitMicros()), from.epochMicros() - to.epochMicros());
          if (micros % to.unitMicros() != 0) {
            throw new InconsistentFilesException("value " + x + " of " + array + " in " + p.location() + " ("
                + attrs.get("units").textValue() + ") is not a whole number of '" + attrs0.get("units").textValue()
                + "': the files' times cannot be put on the first file's integer units exactly");
          }
          r = micros / to.unitMicros();
        }
        switch (item) {
          case 1 -> out.put(checked((byte) r, r, array));
          case 2 -> out.putShort(checked((short) r, r, array));
          case 4 -> out.putInt(checked((int) r, r, array));
          default -> out.putLong(r);
        }
      }
    }
    ObjectNode z = z0.deepCopy();
    ArrayNode shapeNode = Json.mapper().createArrayNode();
    ArrayNode chunkNode = Json.mapper().createArrayNode();
    shapeNode.add(total / Math.max(1, rest(shape)));
    chunkNode.add(total / Math.max(1, rest(shape)));
    for (int d = 1; d < shape.length; d++) {
      shapeNode.add(shape[d]);
      chunkNode.add(shape[d]);
    }
    z.set("shape", shapeNode);
    z.set("chunks", chunkNode);
    z.putNull("compressor");
    z.putNull("filters");
    z.put("dtype", "<" + z0.get("dtype").asText().substring(1));
    metadata.put(ConcatenatedReferences.key(array, ".zarray"), Json.write(z));
    StringBuilder zero = new StringBuilder("0");
    for (int d = 1; d < shape.length; d++) {
      zero.append(".0");
    }
    chunks.put(ConcatenatedReferences.key(array, zero.toString()), new Ref.Inline(out.array()));
  }

  private static long rest(long[] shape) {
    long n = 1;
    for (int d = 1; d < shape.length; d++) {
      n *= shape[d];
    }
    return n;
  }

  private static <T extends Number> T checked(T narrowed, long r, String array) {
    if (narrowed.longValue() != r) {
      throw new InconsistentFilesException(array + ": the re-counted time " + r + " does not fit the array's dtype");
    }
    return narrowed;
  }
}
