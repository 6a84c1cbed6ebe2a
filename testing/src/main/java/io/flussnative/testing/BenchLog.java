package io.flussnative.testing;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.admin.Admin;
import org.apache.fluss.client.admin.OffsetSpec;
import org.apache.fluss.client.table.Table;
import org.apache.fluss.client.table.scanner.ScanRecord;
import org.apache.fluss.client.table.scanner.log.LogScanner;
import org.apache.fluss.client.table.scanner.log.ScanRecords;
import org.apache.fluss.client.table.writer.AppendWriter;
import org.apache.fluss.metadata.DatabaseDescriptor;
import org.apache.fluss.metadata.Schema;
import org.apache.fluss.metadata.TableBucket;
import org.apache.fluss.metadata.TableDescriptor;
import org.apache.fluss.metadata.TableInfo;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.Decimal;
import org.apache.fluss.row.GenericRow;
import org.apache.fluss.row.TimestampLtz;
import org.apache.fluss.types.DataTypes;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The Java side of bench/log-scan.
 *
 * <p>{@code bench-write --table db.tbl --rows N [--buckets 4]}: creates the benchmark log table
 * (BIGINT, INT, DOUBLE, STRING ~20 chars, DECIMAL(18,4), TIMESTAMP_LTZ(3), BOOLEAN; default ARROW
 * log format and compression) if missing and appends rows until it holds at least N. Prints
 * {"rows":..,"written":..,"write_s":..,"buckets":..,"log_format":..,"compression":..,
 * "properties":{..}} (compression as the table's effective Arrow compression).
 *
 * <p>{@code bench-scan --table db.tbl [--runs R]}: scans every bucket with the Java LogScanner from
 * the earliest offsets to the latest offsets pinned at start, counting records (reading nothing
 * else). One warm-up scan, then R measured scans, each printed as {"rows":..,"cpu_s":..,"wall_s":..}
 * with cpu_s the JVM process CPU time (all threads) spent during the scan loop.
 */
final class BenchLog {
    private BenchLog() {}

    static TablePath path(Map<String, String> a) {
        String[] t = DataTool.req(a, "table").split("\\.", 2);
        return TablePath.of(t[0], t[1]);
    }

    // ---------------------------------------------------------------- bench-write

    static int write(Map<String, String> a) throws Exception {
        TablePath path = path(a);
        long want = Long.parseLong(DataTool.req(a, "rows"));
        int buckets = Integer.parseInt(a.getOrDefault("buckets", "4"));
        long t0 = System.nanoTime();
        long have;
        long written = 0;
        TableInfo info;
        try (Connection c = DataTool.connect(a)) {
            Admin admin = c.getAdmin();
            admin.createDatabase(path.getDatabaseName(), DatabaseDescriptor.EMPTY, true).get();
            TableDescriptor desc = TableDescriptor.builder()
                    .schema(Schema.newBuilder()
                            .column("id", DataTypes.BIGINT())
                            .column("qty", DataTypes.INT())
                            .column("price", DataTypes.DOUBLE())
                            .column("name", DataTypes.STRING())
                            .column("amount", DataTypes.DECIMAL(18, 4))
                            .column("ts", DataTypes.TIMESTAMP_LTZ(3))
                            .column("flag", DataTypes.BOOLEAN())
                            .build())
                    .distributedBy(buckets)
                    .build();
            admin.createTable(path, desc, true).get();
            CreateCmd.ensureServed(admin, path, desc);
            info = admin.getTableInfo(path).get();
            have = rowCount(admin, info);
            if (have < want) {
                try (Table table = c.getTable(path)) {
                    AppendWriter w = table.newAppend().createWriter();
                    Row gen = new Row();
                    for (long i = have; i < want; i++) {
                        w.append(gen.make(i)); // acks checked by flush()
                    }
                    w.flush();
                    written = want - have;
                }
                have = rowCount(admin, c.getTable(path).getTableInfo());
            }
        }
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("rows", have);
        res.put("written", written);
        res.put("write_s", Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
        res.put("buckets", (long) info.getNumBuckets());
        res.put("log_format", info.getTableConfig().getLogFormat().toString());
        res.put("compression", info.getTableConfig().getArrowCompressionInfo().toString());
        res.put("properties", info.getProperties().toMap());
        System.out.println(Json.compact(res));
        return 0;
    }

    /** Deterministic row generator: row i of the benchmark table. */
    static final class Row {
        private final char[] buf = new char[24];
        private static final char[] ALPHA =
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

        GenericRow make(long i) {
            long h = mix(i);
            GenericRow r = new GenericRow(7);
            r.setField(0, i);
            r.setField(1, (int) (h & 0xFFFFF));
            r.setField(2, (h >>> 20 & 0xFFFFF) / 100.0);
            if (i % 97 == 0) {
                r.setField(3, null);
            } else {
                int len = 16 + (int) (h >>> 40 & 7); // 16..23 chars
                long x = h;
                for (int k = 0; k < len; k++) {
                    buf[k] = ALPHA[(int) Long.remainderUnsigned(x, ALPHA.length)];
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                r.setField(3, BinaryString.fromString(new String(buf, 0, len)));
            }
            r.setField(4, Decimal.fromUnscaledLong(Long.remainderUnsigned(h, 10_000_000_000_000L)
                    - 5_000_000_000_000L, 18, 4));
            r.setField(5, TimestampLtz.fromEpochMillis(1_700_000_000_000L + i * 17));
            r.setField(6, (h & 0x100) != 0);
            return r;
        }

        private static long mix(long z) {
            z = (z + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    // ---------------------------------------------------------------- bench-scan

    static int scan(Map<String, String> a) throws Exception {
        TablePath path = path(a);
        int runs = Integer.parseInt(a.getOrDefault("runs", "1"));
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        try (Connection c = DataTool.connect(a); Table table = c.getTable(path)) {
            Admin admin = c.getAdmin();
            TableInfo info = table.getTableInfo();
            scanOnce(admin, table, info); // warm-up: JIT, connections, metadata
            for (int r = 0; r < runs; r++) {
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                long rows = scanOnce(admin, table, info);
                long wall = System.nanoTime() - wall0;
                long cpu = os.getProcessCpuTime() - cpu0;
                Map<String, Object> res = new LinkedHashMap<>();
                res.put("rows", rows);
                res.put("cpu_s", cpu / 1e9);
                res.put("wall_s", wall / 1e9);
                System.out.println(Json.compact(res));
                System.out.flush();
            }
        }
        return 0;
    }

    /** Counts the records of every bucket in [earliest, latest-at-start). */
    private static long scanOnce(Admin admin, Table table, TableInfo info) throws Exception {
        TablePath path = info.getTablePath();
        List<Integer> buckets = IntStream.range(0, info.getNumBuckets()).boxed()
                .collect(Collectors.toList());
        Map<Integer, Long> stop = DataTool.retry(
                () -> admin.listOffsets(path, buckets, new OffsetSpec.LatestSpec()).all());
        Map<Integer, Long> start = DataTool.retry(
                () -> admin.listOffsets(path, buckets, new OffsetSpec.EarliestSpec()).all());
        Map<TableBucket, Long> pending = new HashMap<>();
        long rows = 0;
        try (LogScanner scanner = table.newScan().createLogScanner()) {
            for (int b : buckets) {
                if (stop.get(b) > start.get(b)) {
                    pending.put(new TableBucket(info.getTableId(), b), stop.get(b));
                    scanner.subscribe(b, LogScanner.EARLIEST_OFFSET);
                }
            }
            long deadline = System.currentTimeMillis() + 600_000;
            while (!pending.isEmpty()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("timed out scanning; pending " + pending);
                }
                ScanRecords batch = scanner.poll(Duration.ofMillis(500));
                for (TableBucket tb : new ArrayList<>(batch.buckets())) {
                    Long end = pending.get(tb);
                    if (end == null) {
                        continue;
                    }
                    for (ScanRecord sr : batch.records(tb)) {
                        long off = sr.logOffset();
                        if (off < end) {
                            rows++;
                        }
                        if (off >= end - 1) {
                            pending.remove(tb);
                            break;
                        }
                    }
                }
            }
        }
        return rows;
    }

    static long rowCount(Admin admin, TableInfo info) throws Exception {
        List<Integer> buckets = IntStream.range(0, info.getNumBuckets()).boxed()
                .collect(Collectors.toList());
        TablePath path = info.getTablePath();
        Map<Integer, Long> stop = DataTool.retry(
                () -> admin.listOffsets(path, buckets, new OffsetSpec.LatestSpec()).all());
        Map<Integer, Long> start = DataTool.retry(
                () -> admin.listOffsets(path, buckets, new OffsetSpec.EarliestSpec()).all());
        long n = 0;
        for (int b : buckets) {
            n += stop.get(b) - start.get(b);
        }
        return n;
    }
}
