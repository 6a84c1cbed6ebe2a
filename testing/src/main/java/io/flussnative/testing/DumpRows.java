package io.flussnative.testing;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.admin.Admin;
import org.apache.fluss.client.admin.OffsetSpec;
import org.apache.fluss.client.table.Table;
import org.apache.fluss.client.table.scanner.ScanRecord;
import org.apache.fluss.client.table.scanner.log.LogScanner;
import org.apache.fluss.client.table.scanner.log.ScanRecords;
import org.apache.fluss.metadata.PartitionInfo;
import org.apache.fluss.metadata.TableBucket;
import org.apache.fluss.metadata.TableInfo;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.record.ChangeType;
import org.apache.fluss.types.RowType;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code dump-rows --table db.tbl}: every log record up to the latest offsets pinned at start.
 * {@code dump-state --table db.tbl}: current state of a primary-key table (changelog applied).
 */
final class DumpRows {
    private DumpRows() {}

    /** One scanned record, already converted to canonical JSON values. */
    private static final class Rec {
        String partition;
        long bucket;
        long offset;
        String changeType;
        Map<String, Object> row;
    }

    static int run(Map<String, String> a, boolean state) throws Exception {
        TablePath path = TablePath.of(DataTool.req(a, "table").split("\\.", 2)[0],
                DataTool.req(a, "table").split("\\.", 2)[1]);
        long timeoutMs = 1000L * Integer.parseInt(a.getOrDefault("timeout", "120"));
        try (Connection c = DataTool.connect(a); PrintStream out = DataTool.out(a);
             Table table = c.getTable(path)) {
            TableInfo info = table.getTableInfo();
            List<Rec> recs = scan(c.getAdmin(), table, info, timeoutMs);
            recs.sort(Comparator.comparing((Rec r) -> r.partition == null ? "" : r.partition)
                    .thenComparingLong(r -> r.bucket).thenComparingLong(r -> r.offset));
            if (!state) {
                for (Rec r : recs) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("partition", r.partition);
                    m.put("bucket", r.bucket);
                    m.put("offset", r.offset);
                    m.put("change_type", r.changeType);
                    m.put("row", r.row);
                    out.println(Json.compact(m));
                }
                return 0;
            }
            if (!info.hasPrimaryKey()) {
                throw new IllegalArgumentException(path + " has no primary key");
            }
            Map<String, Map<String, Object>> current = new TreeMap<>();
            for (Rec r : recs) {
                List<Object> key = info.getPrimaryKeys().stream().map(r.row::get)
                        .collect(Collectors.toList());
                String k = Json.compact(key);
                if (r.changeType.equals("-D") || r.changeType.equals("-U")) {
                    current.remove(k);
                } else {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("key", k);
                    m.put("partition", r.partition);
                    m.put("bucket", r.bucket);
                    m.put("row", r.row);
                    current.put(k, m);
                }
            }
            for (Map<String, Object> m : current.values()) {
                out.println(Json.compact(m));
            }
        }
        return 0;
    }

    private static List<Rec> scan(Admin admin, Table table, TableInfo info, long timeoutMs)
            throws Exception {
        TablePath path = info.getTablePath();
        List<Integer> buckets = IntStream.range(0, info.getNumBuckets()).boxed()
                .collect(Collectors.toList());
        Map<Long, String> partNames = new HashMap<>();
        Map<TableBucket, Long> stopAt = new HashMap<>(); // exclusive end offsets
        Map<TableBucket, Long> startAt = new HashMap<>();
        if (info.isPartitioned()) {
            for (PartitionInfo p : admin.listPartitionInfos(path).get()) {
                partNames.put(p.getPartitionId(), p.getPartitionName());
                String pn = p.getPartitionName();
                long pid = p.getPartitionId();
                DataTool.retry(() -> admin.listOffsets(path, pn, buckets, new OffsetSpec.LatestSpec()).all())
                        .forEach((b, o) -> stopAt.put(new TableBucket(info.getTableId(), pid, b), o));
                DataTool.retry(() -> admin.listOffsets(path, pn, buckets, new OffsetSpec.EarliestSpec()).all())
                        .forEach((b, o) -> startAt.put(new TableBucket(info.getTableId(), pid, b), o));
            }
        } else {
            DataTool.retry(() -> admin.listOffsets(path, buckets, new OffsetSpec.LatestSpec()).all())
                    .forEach((b, o) -> stopAt.put(new TableBucket(info.getTableId(), b), o));
            DataTool.retry(() -> admin.listOffsets(path, buckets, new OffsetSpec.EarliestSpec()).all())
                    .forEach((b, o) -> startAt.put(new TableBucket(info.getTableId(), b), o));
        }
        RowType rowType = info.getRowType();
        List<Rec> recs = new ArrayList<>();
        Map<TableBucket, Long> pending = new HashMap<>();
        try (LogScanner scanner = table.newScan().createLogScanner()) {
            for (Map.Entry<TableBucket, Long> e : stopAt.entrySet()) {
                if (e.getValue() <= startAt.getOrDefault(e.getKey(), 0L)) {
                    continue;
                }
                TableBucket tb = e.getKey();
                pending.put(tb, e.getValue());
                if (tb.getPartitionId() == null) {
                    scanner.subscribe(tb.getBucket(), LogScanner.EARLIEST_OFFSET);
                } else {
                    scanner.subscribe(tb.getPartitionId(), tb.getBucket(), LogScanner.EARLIEST_OFFSET);
                }
            }
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (!pending.isEmpty()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("timed out scanning; pending " + pending);
                }
                ScanRecords batch = scanner.poll(Duration.ofMillis(500));
                for (TableBucket tb : batch.buckets()) {
                    Long end = stopAt.get(tb);
                    for (ScanRecord sr : batch.records(tb)) {
                        if (end == null || sr.logOffset() >= end) {
                            continue;
                        }
                        Rec r = new Rec();
                        r.partition = tb.getPartitionId() == null ? null
                                : partNames.get(tb.getPartitionId());
                        r.bucket = tb.getBucket();
                        r.offset = sr.logOffset();
                        r.changeType = shortString(sr.getChangeType());
                        r.row = Values.row(sr.getRow(), rowType);
                        recs.add(r);
                        if (sr.logOffset() >= end - 1) {
                            pending.remove(tb);
                        }
                    }
                }
            }
        }
        return recs;
    }

    private static String shortString(ChangeType t) {
        return t.shortString();
    }
}
