package io.flussnative.testing;

import org.apache.fluss.row.DataGetters;
import org.apache.fluss.row.InternalArray;
import org.apache.fluss.row.InternalMap;
import org.apache.fluss.row.InternalRow;
import org.apache.fluss.row.TimestampLtz;
import org.apache.fluss.row.TimestampNtz;
import org.apache.fluss.types.ArrayType;
import org.apache.fluss.types.BinaryType;
import org.apache.fluss.types.CharType;
import org.apache.fluss.types.DataType;
import org.apache.fluss.types.DecimalType;
import org.apache.fluss.types.LocalZonedTimestampType;
import org.apache.fluss.types.MapType;
import org.apache.fluss.types.RowType;
import org.apache.fluss.types.TimestampType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts Fluss internal values into the canonical JSON encoding (see README.md). */
public final class Values {
    private Values() {}

    public static Map<String, Object> row(InternalRow r, RowType type) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int k = 0; k < type.getFieldCount(); k++) {
            out.put(type.getFieldNames().get(k), get(r, k, type.getTypeAt(k)));
        }
        return out;
    }

    public static Object get(DataGetters g, int pos, DataType t) {
        if (g.isNullAt(pos)) {
            return null;
        }
        switch (t.getTypeRoot()) {
            case BOOLEAN: return g.getBoolean(pos);
            case TINYINT: return (long) g.getByte(pos);
            case SMALLINT: return (long) g.getShort(pos);
            case INTEGER:
            case DATE:
            case TIME_WITHOUT_TIME_ZONE:
                return (long) g.getInt(pos);
            case BIGINT: return g.getLong(pos);
            case FLOAT: return floating(g.getFloat(pos));
            case DOUBLE: return floating(g.getDouble(pos));
            case DECIMAL: {
                DecimalType d = (DecimalType) t;
                return g.getDecimal(pos, d.getPrecision(), d.getScale())
                        .toBigDecimal().setScale(d.getScale()).toPlainString();
            }
            case CHAR: return g.getChar(pos, ((CharType) t).getLength()).toString();
            case STRING: return g.getString(pos).toString();
            case BINARY: return hex(g.getBinary(pos, ((BinaryType) t).getLength()));
            case BYTES: return hex(g.getBytes(pos));
            case TIMESTAMP_WITHOUT_TIME_ZONE: {
                TimestampNtz ts = g.getTimestampNtz(pos, ((TimestampType) t).getPrecision());
                return ts.getMillisecond() * 1_000_000L + ts.getNanoOfMillisecond();
            }
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE: {
                TimestampLtz ts =
                        g.getTimestampLtz(pos, ((LocalZonedTimestampType) t).getPrecision());
                return ts.getEpochMillisecond() * 1_000_000L + ts.getNanoOfMillisecond();
            }
            case ARRAY: return array(g.getArray(pos), ((ArrayType) t).getElementType());
            case MAP: {
                MapType mt = (MapType) t;
                InternalMap m = g.getMap(pos);
                List<Object> keys = array(m.keyArray(), mt.getKeyType());
                List<Object> vals = array(m.valueArray(), mt.getValueType());
                List<Object> pairs = new ArrayList<>();
                for (int k = 0; k < keys.size(); k++) {
                    List<Object> p = new ArrayList<>();
                    p.add(keys.get(k));
                    p.add(vals.get(k));
                    pairs.add(p);
                }
                return pairs;
            }
            case ROW: {
                RowType rt = (RowType) t;
                return row(g.getRow(pos, rt.getFieldCount()), rt);
            }
            default:
                throw new IllegalArgumentException("unsupported type " + t);
        }
    }

    private static List<Object> array(InternalArray a, DataType elem) {
        List<Object> out = new ArrayList<>(a.size());
        for (int k = 0; k < a.size(); k++) {
            out.add(get(a, k, elem));
        }
        return out;
    }

    private static Object floating(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return d;
    }

    private static Object floating(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            return floating((double) f);
        }
        return f;
    }

    public static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) {
            s.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return s.toString();
    }
}
