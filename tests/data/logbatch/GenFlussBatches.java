// Writes real Fluss 0.9.1 log record batches with the official Java writer
// (MemoryLogRecordsArrowBuilder + ArrowWriter), so the C++ decoder is tested
// against bytes Fluss itself produces, not only against our own encoder.
//
// Output (next to this file):
//   all_types.records  four batches back to back, as a FetchLog response
//                      carries them: V0 append-only uncompressed, V1
//                      append-only LZ4, V1 changelog ZSTD, V0 changelog LZ4.
//   all_types.json     the Fluss row type (DataTypeJsonSerde) and, per batch,
//                      header fields, change types and rows in the JSON
//                      conventions of src/format/arrow/array_json.h.
//
// The row type and values are LogBatchRows.java's (shared with the 1.0
// generator, testing/logstats-golden/GenLogBatchMatrix.java).
//
// Run (needs testing/build.sh to have produced the classpath):
//   tests/data/logbatch/run-generator.sh testing/target/classpath.txt \
//       tests/data/logbatch/GenFlussBatches.java tests/data/logbatch
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
import org.apache.fluss.record.MemoryLogRecordsArrowBuilder;
import org.apache.fluss.row.GenericRow;
import org.apache.fluss.row.arrow.ArrowWriter;
import org.apache.fluss.row.arrow.ArrowWriterPool;
import org.apache.fluss.shaded.arrow.org.apache.arrow.memory.RootAllocator;
import org.apache.fluss.utils.json.DataTypeJsonSerde;
import org.apache.fluss.utils.json.JsonSerdeUtils;

import static io.flussnative.golden.LogBatchRows.*;

public class GenFlussBatches {

    // ---- batch building ---------------------------------------------------

    static byte[] buildBatch(
            ArrowWriterPool pool,
            long baseOffset,
            byte magic,
            boolean appendOnly,
            ArrowCompressionType codec,
            ChangeType[] changes,
            int firstRow,
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
                        AbstractPagedOutputView.class, boolean.class);
        ctor.setAccessible(true);
        MemoryLogRecordsArrowBuilder builder =
                ctor.newInstance(baseOffset, 1, magic, writer,
                        new UnmanagedPagedOutputView(64 * 1024), appendOnly);
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
        if (magic >= 1) {
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
                .append(",\"change_types\":[").append(appendOnly ? "" : String.join(",", cts))
                .append("],\"rows\":[").append(String.join(",\n", rows)).append("]}");
        return bytes;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        ChangeType a = ChangeType.APPEND_ONLY;
        StringBuilder expected = new StringBuilder();
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        try (RootAllocator allocator = new RootAllocator(Long.MAX_VALUE);
                ArrowWriterPool pool = new ArrowWriterPool(allocator)) {
            records.write(buildBatch(pool, 0, (byte) 0, true, ArrowCompressionType.NONE,
                    new ChangeType[] {a, a, a, a, a}, 0, expected));
            records.write(buildBatch(pool, 5, (byte) 1, true, ArrowCompressionType.LZ4_FRAME,
                    new ChangeType[] {a, a, a}, 5, expected));
            records.write(buildBatch(pool, 8, (byte) 1, false, ArrowCompressionType.ZSTD,
                    new ChangeType[] {
                        ChangeType.INSERT, ChangeType.UPDATE_BEFORE, ChangeType.UPDATE_AFTER,
                        ChangeType.DELETE, ChangeType.INSERT, ChangeType.INSERT
                    }, 8, expected));
            records.write(buildBatch(pool, 14, (byte) 0, false, ArrowCompressionType.LZ4_FRAME,
                    new ChangeType[] {ChangeType.DELETE, ChangeType.INSERT}, 14, expected));
        }
        Files.write(out.resolve("all_types.records"), records.toByteArray());
        String type = new String(
                JsonSerdeUtils.writeValueAsBytes(ROW_TYPE, DataTypeJsonSerde.INSTANCE),
                StandardCharsets.UTF_8);
        Files.writeString(out.resolve("all_types.json"),
                "{\"type\":" + type + ",\n\"batches\":[\n" + expected + "]}\n");
    }
}
