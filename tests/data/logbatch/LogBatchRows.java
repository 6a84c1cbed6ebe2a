// The rows both log-batch generators write (GenFlussBatches.java with Fluss
// 0.9.1's classes, testing/logstats-golden/GenLogBatchMatrix.java with Fluss
// 1.0.0's): one row type over every Fluss type, deterministic values per row
// index, and the expected values in src/format/arrow/array_json.h's JSON
// conventions. Only classes whose API is the same in both Fluss versions.
package io.flussnative.golden;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.Decimal;
import org.apache.fluss.row.GenericArray;
import org.apache.fluss.row.GenericMap;
import org.apache.fluss.row.GenericRow;
import org.apache.fluss.row.InternalArray;
import org.apache.fluss.row.InternalMap;
import org.apache.fluss.row.TimestampLtz;
import org.apache.fluss.row.TimestampNtz;
import org.apache.fluss.types.ArrayType;
import org.apache.fluss.types.DataField;
import org.apache.fluss.types.DataType;
import org.apache.fluss.types.DataTypes;
import org.apache.fluss.types.LocalZonedTimestampType;
import org.apache.fluss.types.MapType;
import org.apache.fluss.types.RowType;
import org.apache.fluss.types.TimeType;
import org.apache.fluss.types.TimestampType;

public final class LogBatchRows {
    private LogBatchRows() {}

    public static final RowType ROW_TYPE =
            DataTypes.ROW(
                    DataTypes.FIELD("b", DataTypes.BOOLEAN()),
                    DataTypes.FIELD("i8", DataTypes.TINYINT()),
                    DataTypes.FIELD("i16", DataTypes.SMALLINT()),
                    DataTypes.FIELD("i32", DataTypes.INT()),
                    DataTypes.FIELD("i64", DataTypes.BIGINT()),
                    DataTypes.FIELD("f32", DataTypes.FLOAT()),
                    DataTypes.FIELD("f64", DataTypes.DOUBLE()),
                    DataTypes.FIELD("dec", DataTypes.DECIMAL(10, 2)),
                    DataTypes.FIELD("dec38", DataTypes.DECIMAL(38, 10)),
                    DataTypes.FIELD("s", DataTypes.STRING()),
                    DataTypes.FIELD("c", DataTypes.CHAR(3)),
                    DataTypes.FIELD("bin", DataTypes.BINARY(3)),
                    DataTypes.FIELD("bytes", DataTypes.BYTES()),
                    DataTypes.FIELD("d", DataTypes.DATE()),
                    DataTypes.FIELD("t0", DataTypes.TIME(0)),
                    DataTypes.FIELD("t3", DataTypes.TIME(3)),
                    DataTypes.FIELD("t6", DataTypes.TIME(6)),
                    DataTypes.FIELD("t9", DataTypes.TIME(9)),
                    DataTypes.FIELD("ts0", DataTypes.TIMESTAMP(0)),
                    DataTypes.FIELD("ts3", DataTypes.TIMESTAMP(3)),
                    DataTypes.FIELD("ts6", DataTypes.TIMESTAMP(6)),
                    DataTypes.FIELD("ts9", DataTypes.TIMESTAMP(9)),
                    DataTypes.FIELD("ltz3", DataTypes.TIMESTAMP_LTZ(3)),
                    DataTypes.FIELD("ltz6", DataTypes.TIMESTAMP_LTZ(6)),
                    DataTypes.FIELD("arr", DataTypes.ARRAY(DataTypes.INT())),
                    DataTypes.FIELD(
                            "m", DataTypes.MAP(DataTypes.STRING().copy(false), DataTypes.INT())),
                    DataTypes.FIELD(
                            "r",
                            DataTypes.ROW(
                                    DataTypes.FIELD("a", DataTypes.INT()),
                                    DataTypes.FIELD("b", DataTypes.ARRAY(DataTypes.STRING())))),
                    DataTypes.FIELD("nn", DataTypes.INT().copy(false)));

    public static Object[] values(int i) {
        if (i % 4 == 1) { // all nullable columns null
            Object[] v = new Object[ROW_TYPE.getFieldCount()];
            v[v.length - 1] = i;
            return v;
        }
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(BinaryString.fromString("k" + i), i * 10);
        m.put(BinaryString.fromString("z"), null);
        return new Object[] {
            i % 2 == 0,
            (byte) (i * 37 - 100),
            (short) (i * 1234 - 30000),
            i * 100003 - 2000000000,
            (long) i * 7919L * 7919L * 7919L - (1L << 62),
            i * 0.25f - 1.5f,
            i * 1.125e10 - 3.5,
            Decimal.fromBigDecimal(new BigDecimal(i * 12345 - 99999 + ".0" + i), 10, 2),
            Decimal.fromBigDecimal(
                    new BigDecimal((i % 2 == 0 ? "-" : "") + i + "99999999999999999999.0000000001"),
                    38,
                    10),
            BinaryString.fromString("h\u00e9llo-" + i),
            BinaryString.fromString("c" + i + i),
            new byte[] {(byte) i, (byte) (255 - i), (byte) (i * 3)},
            new byte[i % 5],
            i * 1000 - 5000,
            i * 3600123 % 86400000,
            i * 3600123 % 86400000,
            i * 3600123 % 86400000,
            i * 3600123 % 86400000,
            TimestampNtz.fromMillis(1700000000123L + i, i * 1001),
            TimestampNtz.fromMillis(1700000000123L + i, i * 1001),
            TimestampNtz.fromMillis(-1700000000123L + i, i * 1001),
            TimestampNtz.fromMillis(1700000000123L + i, i * 1001),
            TimestampLtz.fromEpochMillis(1700000000999L - i, i * 7),
            TimestampLtz.fromEpochMillis(1700000000999L - i, i * 7),
            new GenericArray(new Object[] {i, null, i + 1}),
            new GenericMap(m),
            GenericRow.of(
                    i % 3 == 0 ? null : i,
                    new GenericArray(new Object[] {BinaryString.fromString("x" + i), null})),
            i
        };
    }

    // ---- expected values in array_json.h conventions --------------------

    public static String json(DataType type, Object v) {
        if (v == null) {
            return "null";
        }
        switch (type.getTypeRoot()) {
            case DECIMAL:
                return quote(((Decimal) v).toBigDecimal().toPlainString());
            case CHAR:
            case STRING:
                return quote(v.toString());
            case BINARY:
            case BYTES:
                return quote(hex((byte[]) v));
            case TIME_WITHOUT_TIME_ZONE:
                {
                    long ms = (Integer) v;
                    int p = ((TimeType) type).getPrecision();
                    return Long.toString(
                            p == 0 ? ms / 1000 : p <= 3 ? ms : p <= 6 ? ms * 1000 : ms * 1000000);
                }
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                {
                    TimestampNtz t = (TimestampNtz) v;
                    return ts(((TimestampType) type).getPrecision(), t.getMillisecond(),
                            t.getNanoOfMillisecond());
                }
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                {
                    TimestampLtz t = (TimestampLtz) v;
                    return ts(((LocalZonedTimestampType) type).getPrecision(),
                            t.getEpochMillisecond(), t.getNanoOfMillisecond());
                }
            case ARRAY:
                {
                    InternalArray a = (InternalArray) v;
                    DataType et = ((ArrayType) type).getElementType();
                    Object[] items = ((GenericArray) a).toObjectArray();
                    List<String> parts = new ArrayList<>();
                    for (Object o : items) parts.add(json(et, o));
                    return "[" + String.join(",", parts) + "]";
                }
            case MAP:
                {
                    MapType mt = (MapType) type;
                    InternalMap im = (InternalMap) v;
                    Object[] keys = ((GenericArray) im.keyArray()).toObjectArray();
                    Object[] vals = ((GenericArray) im.valueArray()).toObjectArray();
                    List<String> parts = new ArrayList<>();
                    for (int k = 0; k < keys.length; k++) {
                        parts.add("[" + json(mt.getKeyType(), keys[k]) + ","
                                + json(mt.getValueType(), vals[k]) + "]");
                    }
                    return "[" + String.join(",", parts) + "]";
                }
            case ROW:
                {
                    RowType rt = (RowType) type;
                    GenericRow r = (GenericRow) v;
                    List<String> parts = new ArrayList<>();
                    for (int f = 0; f < rt.getFieldCount(); f++) {
                        DataField field = rt.getFields().get(f);
                        parts.add(quote(field.getName()) + ":" + json(field.getType(), r.getField(f)));
                    }
                    return "{" + String.join(",", parts) + "}";
                }
            default:
                return v.toString();
        }
    }

    public static String ts(int p, long ms, int nanoOfMs) {
        long v = p == 0 ? Math.floorDiv(ms, 1000) : p <= 3 ? ms
                : p <= 6 ? ms * 1000 + nanoOfMs / 1000 : ms * 1000000 + nanoOfMs;
        return Long.toString(v);
    }

    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format("%02x", x & 0xff));
        return sb.toString();
    }

    /** Row {@code v} as the expected JSON object (field name to value). */
    public static String rowJson(Object[] v) {
        List<String> parts = new ArrayList<>();
        for (int f = 0; f < ROW_TYPE.getFieldCount(); f++) {
            DataField field = ROW_TYPE.getFields().get(f);
            parts.add(quote(field.getName()) + ":" + json(field.getType(), v[f]));
        }
        return "{" + String.join(",", parts) + "}";
    }
}
