package io.flussnative.testing;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.admin.Admin;
import org.apache.fluss.client.admin.OffsetSpec;
import org.apache.fluss.client.metadata.LakeSnapshot;
import org.apache.fluss.metadata.PartitionInfo;
import org.apache.fluss.metadata.PartitionSpec;
import org.apache.fluss.metadata.TableBucket;
import org.apache.fluss.metadata.TableInfo;
import org.apache.fluss.metadata.TablePath;

import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.table.FileStoreTable;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code union-tail --bootstrap H:P --spec FILE --warehouse DIR --out-dir DIR [--timeout-s 180]
 * [--phase write|dump|all]}:
 * the second half of the union-read fixture (specs/union.json), run after {@code lake-rounds}
 * tiered the spec's rounds and the tiering job was STOPPED, so that what follows stays in Fluss
 * only:
 *
 * <ol>
 *   <li>drops each table's {@code "drop_partitions"} (already tiered: they remain in the lake);
 *   <li>writes each table's {@code "tail"} round (same format as a round; never tiered);
 *   <li>for tables with {@code "expect_log_expired": true}, waits until every bucket's earliest
 *       log offset moved past 0 (Fluss deleted tiered segments older than {@code table.log.ttl})
 *       and checks that the readable lake snapshot covers the deleted range;
 *   <li>writes, per table, {@code <db.t>.rows.jsonl} (dump-rows), {@code <db.t>.state.jsonl}
 *       (dump-state, PK tables), {@code <db.t>.lake.jsonl} (dump-lake of the readable snapshot)
 *       and {@code tail-summary.json}.
 * </ol>
 *
 * <p>{@code --phase write} does 1-2 only (recorded in {@code tail-written.json}), {@code --phase
 * dump} the rest, so a union read can run beside the waits and dumps.
 */
final class UnionTail {
    private UnionTail() {}

    @SuppressWarnings("unchecked")
    static int run(Map<String, String> a) throws Exception {
        Map<String, Object> spec = DataTool.readSpec(a);
        Path outDir = Path.of(DataTool.req(a, "out-dir"));
        Files.createDirectories(outDir);
        long timeoutMs = 1000L * Long.parseLong(a.getOrDefault("timeout-s", "180"));
        Map<String, Object> summary = new TreeMap<>();
        List<TablePath> paths = new ArrayList<>();
        try (Connection c = DataTool.connect(a)) {
            Admin admin = c.getAdmin();
            List<Map<String, Object>> specs = new ArrayList<>();
            for (Object dbo : CreateCmd.list(spec, "databases")) {
                Map<String, Object> db = (Map<String, Object>) dbo;
                for (Object to : CreateCmd.list(db, "tables")) {
                    Map<String, Object> t = (Map<String, Object>) to;
                    paths.add(TablePath.of((String) db.get("name"), (String) t.get("name")));
                    specs.add(t);
                }
            }
            String phase = a.getOrDefault("phase", "all");
            Path written = outDir.resolve("tail-written.json");
            long t0 = System.currentTimeMillis();
            if (phase.equals("dump")) {
                // phase "write" already ran: continue from what it recorded
                ((Map<String, Object>) Json.parse(Files.readString(written,
                        StandardCharsets.UTF_8))).forEach(summary::put);
            }
            for (int k = 0; k < paths.size() && !phase.equals("dump"); k++) {
                Map<String, Object> s = new LinkedHashMap<>();
                List<Object> dropped = new ArrayList<>();
                for (Object p : CreateCmd.list(specs.get(k), "drop_partitions")) {
                    Map<String, String> ps = new LinkedHashMap<>();
                    ((Map<String, Object>) p).forEach((key, v) -> ps.put(key, (String) v));
                    admin.dropPartition(paths.get(k), new PartitionSpec(ps), false).get();
                    dropped.add(ps);
                }
                s.put("dropped_partitions", dropped);
                Map<String, Object> tail = CreateCmd.map(specs.get(k), "tail");
                s.put("tail_changes", tail.isEmpty() ? 0L
                        : WriteCmd.writeRound(c, paths.get(k), specs.get(k), tail));
                summary.put(paths.get(k).toString(), s);
            }
            if (!phase.equals("dump")) {
                System.err.printf("union-tail: partitions dropped, tails written in %d ms%n",
                        System.currentTimeMillis() - t0);
                Files.writeString(written, Json.pretty(summary), StandardCharsets.UTF_8);
            }
            if (phase.equals("write")) {
                return 0;
            }

            // Log TTL: tiered segments older than table.log.ttl are deleted by the tablet
            // server's remote-log task (every remote.log.task-interval-duration), but only those
            // the lake already covers.
            // Wait until each such table's log start offset is past 0 and has not moved for
            // longer than one remote-log task interval (5 s), so no deletion races the dumps.
            long deadline = System.currentTimeMillis() + timeoutMs;
            long tw = System.currentTimeMillis();
            Map<TablePath, Map<TableBucket, Long>> last = new HashMap<>();
            Map<TablePath, Long> stableSince = new HashMap<>();
            Map<TablePath, Long> pastZeroAt = new HashMap<>();
            while (true) {
                List<String> pending = new ArrayList<>();
                for (int k = 0; k < paths.size(); k++) {
                    TablePath path = paths.get(k);
                    if (!Boolean.TRUE.equals(specs.get(k).get("expect_log_expired"))) {
                        continue;
                    }
                    Map<TableBucket, Long> earliest = offsets(admin, path,
                            new OffsetSpec.EarliestSpec());
                    long now = System.currentTimeMillis();
                    if (!earliest.values().stream().allMatch(o -> o > 0)) {
                        pending.add(path + " earliest " + earliest.values());
                        continue;
                    }
                    pastZeroAt.putIfAbsent(path, now - tw);
                    LakeSnapshot lake = WaitLake.snapshot(admin, path, false);
                    if (lake != null && earliest.entrySet().stream().allMatch(e -> e.getValue()
                            .equals(lake.getTableBucketsOffset().get(e.getKey())))) {
                        last.put(path, earliest); // at the lake offset: nothing more can expire
                        continue;
                    }
                    if (!earliest.equals(last.get(path))) {
                        last.put(path, earliest);
                        stableSince.put(path, now);
                    }
                    if (now - stableSince.get(path) < 6000) {
                        pending.add(path + " earliest still moving " + earliest.values());
                    }
                }
                if (pending.isEmpty()) {
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("union-tail: log never expired (or kept "
                            + "moving): " + pending);
                }
                Thread.sleep(1000);
            }
            for (Map.Entry<TablePath, Long> e : pastZeroAt.entrySet()) {
                ((Map<String, Object>) summary.get(e.getKey().toString()))
                        .put("expiry_wait_ms", e.getValue());
                System.err.printf("union-tail: %s: log start past 0 after %d ms, stable: %s%n",
                        e.getKey(), e.getValue(), last.get(e.getKey()).values());
            }

            for (int k = 0; k < paths.size(); k++) {
                TablePath path = paths.get(k);
                Map<String, Object> s = (Map<String, Object>) summary.get(path.toString());
                TableInfo info = admin.getTableInfo(path).get();
                Map<Long, String> names = new HashMap<>();
                if (info.isPartitioned()) {
                    for (PartitionInfo p : admin.listPartitionInfos(path).get()) {
                        names.put(p.getPartitionId(), p.getPartitionName());
                    }
                }
                Map<TableBucket, Long> earliest = offsets(admin, path,
                        new OffsetSpec.EarliestSpec());
                Map<TableBucket, Long> latest = offsets(admin, path, new OffsetSpec.LatestSpec());
                LakeSnapshot snap = WaitLake.snapshot(admin, path, false);
                List<Object> offs = new ArrayList<>();
                for (TableBucket tb : sorted(latest)) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("partition", names.get(tb.getPartitionId()));
                    o.put("partition_id", tb.getPartitionId());
                    o.put("bucket", (long) tb.getBucket());
                    o.put("earliest", earliest.get(tb));
                    o.put("latest", latest.get(tb));
                    Long lake = snap == null ? null : snap.getTableBucketsOffset().get(tb);
                    o.put("lake_log_offset", lake);
                    offs.add(o);
                    if (Boolean.TRUE.equals(specs.get(k).get("expect_log_expired"))
                            && (lake == null || lake < earliest.get(tb))) {
                        throw new IllegalStateException("union-tail: " + path + " " + tb
                                + ": the lake (" + lake + ") does not cover the expired log up to "
                                + earliest.get(tb));
                    }
                }
                s.put("offsets", offs);
                s.put("lake_snapshot_id", snap == null ? null : snap.getSnapshotId());
                List<Object> lakeBuckets = new ArrayList<>();
                if (snap != null) {
                    for (TableBucket tb : sorted(snap.getTableBucketsOffset())) {
                        Map<String, Object> o = new LinkedHashMap<>();
                        o.put("partition_id", tb.getPartitionId());
                        o.put("partition", names.get(tb.getPartitionId())); // null: dropped
                        o.put("bucket", (long) tb.getBucket());
                        o.put("log_offset", snap.getTableBucketsOffset().get(tb));
                        lakeBuckets.add(o);
                    }
                }
                s.put("lake_buckets", lakeBuckets);
            }
        }

        // The Java client's and Paimon's views, next to the union-read oracle (4 tables at a
        // time: the dumps mostly wait on the cluster).
        long td = System.currentTimeMillis();
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Long>> lakeRows = new ArrayList<>();
        for (TablePath path : paths) {
            Map<String, Object> s = (Map<String, Object>) summary.get(path.toString());
            boolean pk = !CreateCmd.list(specOf(spec, path), "primary_key").isEmpty();
            Object id = s.get("lake_snapshot_id");
            lakeRows.add(pool.submit(() -> dump(a, outDir, path, pk, (Long) id)));
        }
        pool.shutdown();
        for (int k = 0; k < paths.size(); k++) {
            Long n = lakeRows.get(k).get();
            if (n != null) {
                ((Map<String, Object>) summary.get(paths.get(k).toString())).put("lake_rows", n);
            }
        }
        System.err.printf("union-tail: dumps in %d ms%n", System.currentTimeMillis() - td);
        Files.writeString(outDir.resolve("tail-summary.json"), Json.pretty(summary),
                StandardCharsets.UTF_8);
        return 0;
    }

    /** dump-rows, dump-state (PK tables) and dump-lake of snapshot {@code id}; its row count. */
    private static Long dump(Map<String, String> a, Path outDir, TablePath path, boolean pk,
                             Long id) throws Exception {
        Map<String, String> da = new HashMap<>(a);
        da.put("table", path.toString());
        da.put("out", outDir.resolve(path + ".rows.jsonl").toString());
        DumpRows.run(da, false);
        if (pk) {
            da.put("out", outDir.resolve(path + ".state.jsonl").toString());
            DumpRows.run(da, true);
        }
        if (id == null) {
            return null;
        }
        Catalog[] cat = new Catalog[1];
        FileStoreTable table = DumpLake.open(da, cat);
        try (PrintStream out = new PrintStream(Files.newOutputStream(
                outDir.resolve(path + ".lake.jsonl")), false, StandardCharsets.UTF_8)) {
            return DumpLake.rows(table, id, out);
        } finally {
            cat[0].close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> specOf(Map<String, Object> spec, TablePath path) {
        for (Object dbo : CreateCmd.list(spec, "databases")) {
            Map<String, Object> db = (Map<String, Object>) dbo;
            for (Object to : CreateCmd.list(db, "tables")) {
                Map<String, Object> t = (Map<String, Object>) to;
                if (path.equals(TablePath.of((String) db.get("name"), (String) t.get("name")))) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException(path + " not in the spec");
    }

    private static List<TableBucket> sorted(Map<TableBucket, Long> m) {
        List<TableBucket> l = new ArrayList<>(m.keySet());
        l.sort((x, y) -> {
            long px = x.getPartitionId() == null ? -1 : x.getPartitionId();
            long py = y.getPartitionId() == null ? -1 : y.getPartitionId();
            return px != py ? Long.compare(px, py) : Integer.compare(x.getBucket(), y.getBucket());
        });
        return l;
    }

    /** Offsets of the given kind for every bucket of every (current) partition. */
    private static Map<TableBucket, Long> offsets(Admin admin, TablePath path, OffsetSpec kind)
            throws Exception {
        TableInfo info = admin.getTableInfo(path).get();
        List<Integer> buckets = new ArrayList<>();
        for (int b = 0; b < info.getNumBuckets(); b++) {
            buckets.add(b);
        }
        Map<TableBucket, Long> out = new HashMap<>();
        if (!info.isPartitioned()) {
            DataTool.retry(() -> admin.listOffsets(path, buckets, kind).all())
                    .forEach((b, o) -> out.put(new TableBucket(info.getTableId(), b), o));
            return out;
        }
        for (PartitionInfo p : admin.listPartitionInfos(path).get()) {
            DataTool.retry(() -> admin.listOffsets(path, p.getPartitionName(), buckets, kind).all())
                    .forEach((b, o) -> out.put(
                            new TableBucket(info.getTableId(), p.getPartitionId(), b), o));
        }
        return out;
    }
}
