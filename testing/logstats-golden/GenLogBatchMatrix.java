// Writes Fluss 1.0 log record batches of every magic Fluss 1.0 writes, with
// Fluss 1.0.0's own writer (MemoryLogRecordsArrowBuilder, ArrowWriter and
// LogRecordBatchStatisticsCollector, shaded in fluss-client 1.0.0):
// V0; 1.0's V1 with statistics on and off; V2 (leader epoch) with
// statistics on and off; each uncompressed, LZ4 and ZSTD; append-only and
// changelog; over every type (statistics on the types Fluss collects them for).
//
// Output (argument: a directory, normally tests/data/logbatch):
//   v10_matrix.records  the 15 batches back to back, as FetchLog carries them
//   v10_matrix.json     the row type and per batch the header fields, change
//                       types and rows (src/format/arrow/array_json.h
//                       conventions), as all_types.json (GenFlussBatches.java)
//
// Run: testing/logstats-golden/regen.sh (not run in CI).
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.fluss.compression.ArrowCompressionInfo;
import org.apache.fluss.compression.ArrowCompressionType;
import org.apache.fluss.memory.AbstractPagedOutputView;
import org.apache.fluss.memory.MemorySegment;
import org.apache.fluss.memory.UnmanagedPagedOutputView;
import org.apache.fluss.record.ChangeType;
import org.apache.fluss.record.DefaultLogRecordBatch;
import org.apache.fluss.record.LogRecordBatchStatisticsCollector;
import org.apache.fluss.record.MemoryLogRecordsArrowBuilder;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.Decimal;
import org.apache.fluss.row.GenericArray;
import org.apache.fluss.row.GenericMap;
import org.apache.fluss.row.GenericRow;
import org.apache.fluss.row.InternalArray;
import org.apache.fluss.row.InternalMap;
import org.apache.fluss.row.InternalRow;
import org.apache.fluss.row.TimestampLtz;
import org.apache.fluss.row.TimestampNtz;
import org.apache.fluss.row.arrow.ArrowWriter;
import org.apache.fluss.row.arrow.ArrowWriterPool;
import org.apache.fluss.shaded.arrow.org.apache.arrow.memory.RootAllocator;
import org.apache.fluss.types.ArrayType;
import org.apache.fluss.types.DataField;
import org.apache.fluss.types.DataType;
import org.apache.fluss.types.DataTypes;
import org.apache.fluss.types.DecimalType;
import org.apache.fluss.types.LocalZonedTimestampType;
import org.apache.fluss.types.MapType;
import org.apache.fluss.types.RowType;
import org.apache.fluss.types.TimeType;
import org.apache.fluss.types.TimestampType;
import org.apache.fluss.utils.json.DataTypeJsonSerde;
import org.apache.fluss.utils.json.JsonSerdeUtils;

public class GenLogBatchMatrix {

    static final RowType ROW_TYPE =
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

    static Object[] values(int i) {
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

    static String json(DataType type, Object v) {
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

    static String ts(int p, long ms, int nanoOfMs) {
        long v = p == 0 ? Math.floorDiv(ms, 1000) : p <= 3 ? ms
                : p <= 6 ? ms * 1000 + nanoOfMs / 1000 : ms * 1000000 + nanoOfMs;
        return Long.toString(v);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format("%02x", x & 0xff));
        return sb.toString();
    }

    // ---- batch building ---------------------------------------------------

    static byte[] buildBatch(
            ArrowWriterPool pool,
            long baseOffset,
            byte magic,
            boolean appendOnly,
            ArrowCompressionType codec,
            ChangeType[] changes,
            int firstRow,
            boolean statistics,
            StringBuilder expected)
            throws Exception {
        ArrowWriter writer =
                pool.getOrCreateWriter(
                        1L, 1, 1 << 20, ROW_TYPE, new ArrowCompressionInfo(codec, -1));
        // The public factories pin either the magic or the append-only flag;
        // the private constructor takes both.
        Constructor<MemoryLogRecordsArrowBuilder> ctor =
                MemoryLogRecordsArrowBuilder.class.getDeclaredConstructor(
                        long.class, int.class, byte.class, ArrowWriter.class,
                        AbstractPagedOutputView.class, boolean.class,
                        LogRecordBatchStatisticsCollector.class);
        ctor.setAccessible(true);
        MemoryLogRecordsArrowBuilder builder =
                ctor.newInstance(baseOffset, 1, magic, writer,
                        new UnmanagedPagedOutputView(64 * 1024), appendOnly,
                        statistics ? new LogRecordBatchStatisticsCollector(ROW_TYPE, STATS_COLUMNS)
                                : null);
        List<String> rows = new ArrayList<>();
        List<String> cts = new ArrayList<>();
        for (int k = 0; k < changes.length; k++) {
            Object[] v = values(firstRow + k);
            builder.append(changes[k], GenericRow.of(v));
            List<String> parts = new ArrayList<>();
            for (int f = 0; f < ROW_TYPE.getFieldCount(); f++) {
                DataField field = ROW_TYPE.getFields().get(f);
                parts.add(quote(field.getName()) + ":" + json(field.getType(), v[f]));
            }
            rows.add("{" + String.join(",", parts) + "}");
            cts.add(Integer.toString(changes[k].toByteValue()));
        }
        var view = builder.build();
        var buf = view.getByteBuf();
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        builder.close();

        // The server stamps commit time and leader epoch outside the CRC.
        DefaultLogRecordBatch batch = new DefaultLogRecordBatch();
        batch.pointTo(MemorySegment.wrap(bytes), 0);
        batch.setCommitTimestamp(1700000000000L + baseOffset);
        if (magic >= 2) {
            batch.setLeaderEpoch(3);
        }
        batch.ensureValid();

        expected.append(expected.length() == 0 ? "" : ",\n")
                .append("{\"base_offset\":").append(baseOffset)
                .append(",\"magic\":").append(magic)
                .append(",\"append_only\":").append(appendOnly)
                .append(",\"record_count\":").append(changes.length)
                .append(",\"commit_timestamp\":").append(1700000000000L + baseOffset)
                .append(",\"size\":").append(bytes.length)
                .append(",\"statistics\":").append(statistics)
                .append(",\"leader_epoch\":").append(magic >= 2 ? 3 : -1)
                .append(",\"compression\":\"").append(codec).append("\"")
                .append(",\"change_types\":[").append(appendOnly ? "" : String.join(",", cts))
                .append("],\"rows\":[").append(String.join(",\n", rows)).append("]}");
        return bytes;
    }

    // The columns of types Fluss 1.0 collects statistics for.
    static final int[] STATS_COLUMNS = statsColumns();

    static int[] statsColumns() {
        List<Integer> cols = new ArrayList<>();
        for (int f = 0; f < ROW_TYPE.getFieldCount(); f++) {
            switch (ROW_TYPE.getTypeAt(f).getTypeRoot()) {
                case BOOLEAN: case TINYINT: case SMALLINT: case INTEGER: case BIGINT:
                case FLOAT: case DOUBLE: case STRING: case DECIMAL: case DATE:
                case TIME_WITHOUT_TIME_ZONE: case TIMESTAMP_WITHOUT_TIME_ZONE:
                case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                    cols.add(f);
                    break;
                default:
                    break;
            }
        }
        return cols.stream().mapToInt(Integer::intValue).toArray();
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        ChangeType a = ChangeType.APPEND_ONLY;
        ChangeType[] appendOnly = {a, a, a};
        ChangeType[] changelog = {ChangeType.INSERT, ChangeType.UPDATE_BEFORE,
            ChangeType.UPDATE_AFTER, ChangeType.DELETE};
        // (magic, statistics): every combination Fluss 1.0 writes.
        Object[][] formats = {{(byte) 0, false}, {(byte) 1, false}, {(byte) 1, true},
            {(byte) 2, false}, {(byte) 2, true}};
        ArrowCompressionType[] codecs = {ArrowCompressionType.NONE,
            ArrowCompressionType.LZ4_FRAME, ArrowCompressionType.ZSTD};
        StringBuilder expected = new StringBuilder();
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        long offset = 0;
        int n = 0;
        try (RootAllocator allocator = new RootAllocator(Long.MAX_VALUE);
                ArrowWriterPool pool = new ArrowWriterPool(allocator)) {
            for (Object[] format : formats) {
                for (ArrowCompressionType codec : codecs) {
                    boolean ao = (n++ % 2) == 0;
                    ChangeType[] changes = ao ? appendOnly : changelog;
                    records.write(buildBatch(pool, offset, (byte) format[0], ao, codec, changes,
                            (int) offset, (boolean) format[1], expected));
                    offset += changes.length;
                }
            }
        }
        Files.write(out.resolve("v10_matrix.records"), records.toByteArray());
        String type = new String(
                JsonSerdeUtils.writeValueAsBytes(ROW_TYPE, DataTypeJsonSerde.INSTANCE),
                StandardCharsets.UTF_8);
        Files.writeString(out.resolve("v10_matrix.json"),
                "{\"type\":" + type + ",\n\"batches\":[\n" + expected + "]}\n");
    }
}
