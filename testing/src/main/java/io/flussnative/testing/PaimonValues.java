package io.flussnative.testing;

import org.apache.paimon.data.DataGetters;
import org.apache.paimon.data.InternalArray;
import org.apache.paimon.data.InternalMap;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.data.Timestamp;
import org.apache.paimon.types.ArrayType;
import org.apache.paimon.types.DataType;
import org.apache.paimon.types.DecimalType;
import org.apache.paimon.types.LocalZonedTimestampType;
import org.apache.paimon.types.MapType;
import org.apache.paimon.types.RowType;
import org.apache.paimon.types.TimestampType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Paimon twin of {@link Values}: converts Paimon internal values into the same canonical
 * JSON encoding (see README.md, "Value encoding"). Maps are LinkedHashMaps in field order.
 */
public final class PaimonValues {
    private PaimonValues() {}

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
            case CHAR:
            case VARCHAR:
                return g.getString(pos).toString();
            case BINARY:
            case VARBINARY:
                return Values.hex(g.getBinary(pos));
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return nanos(g.getTimestamp(pos, ((TimestampType) t).getPrecision()));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return nanos(g.getTimestamp(pos, ((LocalZonedTimestampType) t).getPrecision()));
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
                throw new IllegalArgumentException("unsupported Paimon type " + t);
        }
    }

    private static long nanos(Timestamp ts) {
        return ts.getMillisecond() * 1_000_000L + ts.getNanoOfMillisecond();
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
}
