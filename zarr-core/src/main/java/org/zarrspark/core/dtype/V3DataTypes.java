package org.zarrspark.core.dtype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedDataTypeException;

/** v3 data_type names (core types and the extensions zarr-python writes) to {@link DataType}. */
public final class V3DataTypes {
  private V3DataTypes() {}

  public static DataType parse(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new InvalidMetadataException("data_type is missing");
    }
    String name;
    JsonNode config = null;
    if (node.isTextual()) {
      name = node.textValue();
    } else if (node.isObject() && node.path("name").isTextual()) {
      name = node.get("name").textValue();
      config = node.get("configuration");
    } else {
      throw new InvalidMetadataException("data_type " + node + " is neither a name nor {name, configuration}");
    }
    switch (name) {
      case "bool": return DataType.BOOL;
      case "int8": return DataType.INT8;
      case "int16": return DataType.INT16;
      case "int32": return DataType.INT32;
      case "int64": return DataType.INT64;
      case "uint8": return DataType.UINT8;
      case "uint16": return DataType.UINT16;
      case "uint32": return DataType.UINT32;
      case "uint64": return DataType.UINT64;
      case "int2": return DataType.INT2;
      case "int4": return DataType.INT4;
      case "uint2": return DataType.UINT2;
      case "uint4": return DataType.UINT4;
      case "float16": return DataType.FLOAT16;
      case "float32": return DataType.FLOAT32;
      case "float64": return DataType.FLOAT64;
      case "complex64": return DataType.COMPLEX64;
      case "complex128": return DataType.COMPLEX128;
      case "string":
      case "variable_length_utf8":
        return DataType.STRING;
      case "bytes":
      case "variable_length_bytes": // zarr-python 3.3's name
        return DataType.VLEN_BYTES;
      case "struct":
      case "structured": // the legacy name, fields as [name, type] pairs
        return struct(name, config);
      case "numpy.datetime64":
      case "numpy.timedelta64": {
        String unit = config == null ? null : config.path("unit").asText(null);
        if (unit == null) {
          throw new InvalidMetadataException("data_type " + name + " needs configuration.unit");
        }
        long scale = config.path("scale_factor").asLong(1);
        if (scale <= 0) {
          throw new InvalidMetadataException("data_type " + name + " has scale_factor " + scale);
        }
        DataType.checkUnit(name, unit);
        return DataType.time(name.endsWith("datetime64") ? DataType.Kind.DATETIME : DataType.Kind.TIMEDELTA,
            unit, scale);
      }
      case "fixed_length_utf32": {
        int n = config == null ? -1 : config.path("length_bytes").asInt(-1);
        if (n < 0 || n % 4 != 0) {
          throw new InvalidMetadataException("fixed_length_utf32 needs length_bytes, a multiple of 4");
        }
        return DataType.of(DataType.Kind.UNICODE, n);
      }
      case "fixed_length_bytes":
      case "null_terminated_bytes": {
        int n = config == null ? -1 : config.path("length_bytes").asInt(-1);
        if (n < 0) {
          throw new InvalidMetadataException(name + " needs length_bytes");
        }
        return DataType.of(DataType.Kind.BYTES, n);
      }
      default:
        NarrowFloat nf = NarrowFloat.byName(name);
        if (nf != null) {
          return DataType.narrow(nf);
        }
        if (name.matches("r[1-9][0-9]*") && Integer.parseInt(name.substring(1)) % 8 == 0) {
          return DataType.of(DataType.Kind.BYTES, Integer.parseInt(name.substring(1)) / 8);
        }
        throw new UnsupportedDataTypeException("data_type '" + name + "' is not supported (supported: bool,"
            + " int2/4/8-64, uint2/4/8-64, float16/32/64, complex64/128, string, bytes, numpy.datetime64,"
            + " numpy.timedelta64, fixed_length_utf32, fixed_length_bytes, r<bits>, struct, "
            + NarrowFloat.names() + ")");
    }
  }

  /** A struct's fields: {"name", "data_type"} objects, or legacy [name, type] pairs. */
  private static DataType struct(String name, JsonNode config) {
    JsonNode fields = config == null ? null : config.get("fields");
    if (fields == null || !fields.isArray() || fields.isEmpty()) {
      throw new InvalidMetadataException("data_type " + name + " needs configuration.fields, a non-empty list");
    }
    List<String> names = new ArrayList<>();
    List<DataType> types = new ArrayList<>();
    for (JsonNode f : fields) {
      JsonNode n;
      JsonNode t;
      if (f.isObject()) {
        n = f.get("name");
        t = f.get("data_type");
      } else if (f.isArray() && f.size() == 2) {
        n = f.get(0);
        t = f.get(1);
      } else {
        throw new InvalidMetadataException("struct field " + f + " is neither {name, data_type} nor [name, type]");
      }
      if (n == null || !n.isTextual()) {
        throw new InvalidMetadataException("struct field " + f + " has no string name");
      }
      DataType ft;
      try {
        ft = parse(t);
      } catch (UnsupportedDataTypeException e) {
        throw new UnsupportedDataTypeException("struct field '" + n.textValue() + "': " + e.getMessage(), e);
      } catch (InvalidMetadataException e) {
        throw new InvalidMetadataException("struct field '" + n.textValue() + "': " + e.getMessage(), e);
      }
      names.add(n.textValue());
      types.add(ft);
    }
    return DataType.struct(names, types);
  }

  /** The v3 data_type JSON of a type, as zarr-python writes it. */
  public static JsonNode toJson(DataType t) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    String core = t.v3Name();
    if (core != null) {
      return f.textNode(core);
    }
    ObjectNode o = f.objectNode();
    ObjectNode c = o.objectNode();
    switch (t.kind()) {
      case STRUCT: {
        o.put("name", "struct");
        ArrayNode fs = c.putArray("fields");
        for (DataType.Field fd : t.fields()) {
          fs.addObject().put("name", fd.name()).set("data_type", toJson(fd.type()));
        }
        break;
      }
      case DATETIME:
      case TIMEDELTA:
        o.put("name", t.kind() == DataType.Kind.DATETIME ? "numpy.datetime64" : "numpy.timedelta64");
        c.put("unit", t.unit());
        c.put("scale_factor", t.unitScale());
        break;
      case UNICODE:
        o.put("name", "fixed_length_utf32");
        c.put("length_bytes", t.itemSize());
        break;
      default:
        o.put("name", "fixed_length_bytes");
        c.put("length_bytes", t.itemSize());
        break;
    }
    o.set("configuration", c);
    return o;
  }
}
