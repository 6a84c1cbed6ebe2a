// Writes Fluss 1.0 log record batches of magic V1 (header + per-batch column
// statistics) with Fluss 1.0.0's own writer (MemoryLogRecordsArrowBuilder +
// LogRecordBatchStatisticsCollector, shaded in fluss-client 1.0.0), so the
// C++ statistics decoder is tested against bytes Fluss itself produces.
//
// Output (argument: a directory, normally tests/data/logbatch):
//   v1_stats.bin   three V1 batches back to back, as a FetchLog response
//                  carries them: append-only, changelog, and one whose
//                  columns are partly all-NULL.
//   v1_stats.json  the Fluss row type (DataTypeJsonSerde) and per batch the
//                  header fields, rows (src/format/arrow/array_json.h
//                  conventions) and the statistics as Fluss's own parser
//                  (LogRecordBatchStatisticsParser) reads them back.
//
// Run: testing/logstats-golden/regen.sh (not run in CI).
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.fluss.compression.ArrowCompressionInfo;
import org.apache.fluss.memory.MemorySegment;
import org.apache.fluss.memory.UnmanagedPagedOutputView;
import org.apache.fluss.record.ChangeType;
import org.apache.fluss.record.DefaultLogRecordBatch;
import org.apache.fluss.record.LogRecordBatchStatistics;
import org.apache.fluss.record.LogRecordBatchStatisticsCollector;
import org.apache.fluss.record.LogRecordBatchStatisticsParser;
import org.apache.fluss.record.MemoryLogRecordsArrowBuilder;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.Decimal;
import org.apache.fluss.row.GenericRow;
import org.apache.fluss.row.InternalRow;
import org.apache.fluss.row.TimestampNtz;
import org.apache.fluss.row.arrow.ArrowWriter;
import org.apache.fluss.row.arrow.ArrowWriterPool;
import org.apache.fluss.shaded.arrow.org.apache.arrow.memory.RootAllocator;
import org.apache.fluss.types.DataField;
import org.apache.fluss.types.DataType;
import org.apache.fluss.types.DataTypes;
import org.apache.fluss.types.DecimalType;
import org.apache.fluss.types.RowType;
import org.apache.fluss.types.TimestampType;
import org.apache.fluss.utils.json.DataTypeJsonSerde;
import org.apache.fluss.utils.json.JsonSerdeUtils;

public class GenV1StatsBatches {

    static final RowType ROW_TYPE =
            RowType.of(
                    new DataType[] {
                        DataTypes.INT(), DataTypes.BIGINT(), DataTypes.STRING(),
                        DataTypes.DOUBLE(), DataTypes.DATE(), DataTypes.TIMESTAMP(3),
                        DataTypes.TIMESTAMP(6), DataTypes.DECIMAL(10, 2),
                        DataTypes.DECIMAL(20, 4), DataTypes.SMALLINT(), DataTypes.BOOLEAN()
                    },
                    new String[] {"i32", "i64", "s", "f64", "d", "ts3", "ts6", "dec", "dec20",
                        "i16", "b"});

    static Object[] values(int batch, int i) {
        // Batch b holds ids in [100*b, 100*b + n): disjoint ranges per batch.
        int id = 100 * batch + i;
        boolean allNull = batch == 2;
        return new Object[] {
            i == 1 ? null : id,
            allNull ? null : (long) id * 1_000_000_007L - 5,
            i == 2 ? null : BinaryString.fromString("s" + (char) ('a' + batch) + i),
            allNull || i == 0 ? null : id / 4.0 - 1.5,
            18000 + id,
            TimestampNtz.fromMillis(1_700_000_000_000L + id * 1000L),
            TimestampNtz.fromMillis(1_700_000_000_000L + id, 123_000 + i * 1000),
            Decimal.fromUnscaledLong(id * 100L + 25, 10, 2),
            Decimal.fromBigDecimal(new java.math.BigDecimal(id + "12345678.5678"), 20, 4),
            (short) (i - 3),
            i % 2 == 0
        };
    }

    static String json(DataType type, Object v) {
        if (v == null) return "null";
        switch (type.getTypeRoot()) {
            case DECIMAL: return quote(((Decimal) v).toBigDecimal().toPlainString());
            case STRING: return quote(v.toString());
            case TIMESTAMP_WITHOUT_TIME_ZONE: {
                TimestampNtz t = (TimestampNtz) v;
                int p = ((TimestampType) type).getPrecision();
                long ms = t.getMillisecond();
                return Long.toString(p <= 3 ? ms : ms * 1000 + t.getNanoOfMillisecond() / 1000);
            }
            default: return v.toString();
        }
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String statsJson(LogRecordBatchStatistics st) {
        InternalRow min = st.getMinValues();
        InternalRow max = st.getMaxValues();
        int[] nulls = st.getNullCounts();
        List<String> cols = new ArrayList<>();
        for (int f = 0; f < ROW_TYPE.getFieldCount(); f++) {
            DataType t = ROW_TYPE.getTypeAt(f);
            if (!st.hasColumnStatistics(f)) continue;
            InternalRow.FieldGetter g = InternalRow.createFieldGetter(t, f);
            cols.add("{\"column\":" + f
                    + ",\"null_count\":" + nulls[f]
                    + ",\"min\":" + json(t, g.getFieldOrNull(min))
                    + ",\"max\":" + json(t, g.getFieldOrNull(max)) + "}");
        }
        return "[" + String.join(",", cols) + "]";
    }

    static byte[] buildBatch(ArrowWriterPool pool, long baseOffset, int batchNo,
            boolean appendOnly, int n, StringBuilder expected) throws Exception {
        ArrowWriter writer = pool.getOrCreateWriter(
                1L, 1, 1 << 20, ROW_TYPE, ArrowCompressionInfo.NO_COMPRESSION);
        int[] all = new int[ROW_TYPE.getFieldCount()];
        for (int f = 0; f < all.length; f++) all[f] = f;
        LogRecordBatchStatisticsCollector collector =
                new LogRecordBatchStatisticsCollector(ROW_TYPE, all);
        MemoryLogRecordsArrowBuilder builder = appendOnly
                ? MemoryLogRecordsArrowBuilder.builder(
                        1, writer, new UnmanagedPagedOutputView(64 * 1024), true, collector)
                : MemoryLogRecordsArrowBuilder.builder(baseOffset, (byte) 1, 1, writer,
                        new UnmanagedPagedOutputView(64 * 1024), collector);
        List<String> rows = new ArrayList<>();
        List<String> cts = new ArrayList<>();
        ChangeType[] changes = {ChangeType.INSERT, ChangeType.UPDATE_BEFORE,
            ChangeType.UPDATE_AFTER, ChangeType.DELETE};
        for (int k = 0; k < n; k++) {
            Object[] v = values(batchNo, k);
            ChangeType ct = appendOnly ? ChangeType.APPEND_ONLY : changes[k % changes.length];
            builder.append(ct, GenericRow.of(v));
            List<String> parts = new ArrayList<>();
            for (int f = 0; f < ROW_TYPE.getFieldCount(); f++) {
                DataField field = ROW_TYPE.getFields().get(f);
                parts.add(quote(field.getName()) + ":" + json(field.getType(), v[f]));
            }
            rows.add("{" + String.join(",", parts) + "}");
            cts.add(Integer.toString(ct.toByteValue()));
        }
        var buf = builder.build().getByteBuf();
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        builder.close();

        // Base offset and commit time lie before the CRC; the server stamps them.
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, baseOffset);
        DefaultLogRecordBatch batch = new DefaultLogRecordBatch();
        batch.pointTo(MemorySegment.wrap(bytes), 0);
        batch.setCommitTimestamp(1700000000000L + baseOffset);
        batch.ensureValid();

        // Fluss's own parser is the oracle for the statistics.
        int statsLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(48);
        byte[] stats = java.util.Arrays.copyOfRange(bytes, 52, 52 + statsLength);
        LogRecordBatchStatistics st =
                LogRecordBatchStatisticsParser.parseStatistics(stats, ROW_TYPE, 1);

        expected.append(expected.length() == 0 ? "" : ",\n")
                .append("{\"base_offset\":").append(baseOffset)
                .append(",\"magic\":").append(bytes[12])
                .append(",\"append_only\":").append(appendOnly)
                .append(",\"record_count\":").append(n)
                .append(",\"commit_timestamp\":").append(1700000000000L + baseOffset)
                .append(",\"size\":").append(bytes.length)
                .append(",\"statistics_length\":").append(statsLength)
                .append(",\"change_types\":[").append(appendOnly ? "" : String.join(",", cts))
                .append("],\"stats\":").append(st == null ? "null" : statsJson(st))
                .append(",\"rows\":[").append(String.join(",\n", rows)).append("]}");
        return bytes;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        StringBuilder expected = new StringBuilder();
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        try (RootAllocator allocator = new RootAllocator(Long.MAX_VALUE);
                ArrowWriterPool pool = new ArrowWriterPool(allocator)) {
            records.write(buildBatch(pool, 0, 0, true, 5, expected));
            records.write(buildBatch(pool, 5, 1, false, 4, expected));
            records.write(buildBatch(pool, 9, 2, true, 3, expected));
        }
        Files.write(out.resolve("v1_stats.bin"), records.toByteArray());
        String type = new String(
                JsonSerdeUtils.writeValueAsBytes(ROW_TYPE, DataTypeJsonSerde.INSTANCE),
                StandardCharsets.UTF_8);
        Files.writeString(out.resolve("v1_stats.json"),
                "{\"type\":" + type + ",\n\"batches\":[\n" + expected + "]}\n");
    }
}
