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
// The row type and values are tests/data/logbatch/LogBatchRows.java's (shared
// with the 0.9.1 generator, tests/data/logbatch/GenFlussBatches.java).
//
// Run: testing/logstats-golden/regen.sh (not run in CI).
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.fluss.compression.ArrowCompressionInfo;
import org.apache.fluss.compression.ArrowCompressionType;
import org.apache.fluss.memory.AbstractPagedOutputView;
import org.apache.fluss.memory.MemorySegment;
import org.apache.fluss.memory.UnmanagedPagedOutputView;
import org.apache.fluss.record.ChangeType;
import org.apache.fluss.record.DefaultLogRecordBatch;
import org.apache.fluss.record.LogRecordBatchStatisticsCollector;
import org.apache.fluss.record.MemoryLogRecordsArrowBuilder;
import org.apache.fluss.row.GenericRow;
import org.apache.fluss.row.arrow.ArrowWriter;
import org.apache.fluss.row.arrow.ArrowWriterPool;
import org.apache.fluss.shaded.arrow.org.apache.arrow.memory.RootAllocator;
import org.apache.fluss.utils.json.DataTypeJsonSerde;
import org.apache.fluss.utils.json.JsonSerdeUtils;

import static io.flussnative.golden.LogBatchRows.*;

public class GenLogBatchMatrix {

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
            rows.add(rowJson(v));
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
