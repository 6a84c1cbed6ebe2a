package io.flussnative.testing;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.admin.Admin;
import org.apache.fluss.client.metadata.LakeSnapshot;
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
 * {@code lake-rounds --bootstrap H:P --spec FILE --warehouse DIR --out-dir DIR [--timeout-s N]
 * [--poll-ms N] [--after-round CMD]}: the fixture's lake workflow in one JVM (needs a running tiering job).
 *
 * <p>For each round N of the spec's tables with "rounds": write round N to every table, pin its
 * latest log offsets, and wait (polling {@code Admin.getReadableLakeSnapshot} like
 * {@code wait-lake}) until each table's readable lake snapshot covers them; record that snapshot
 * id. Deletion-vector tables use {@code Admin.getLatestLakeSnapshot} instead: Fluss 0.9.1 never
 * publishes a readable snapshot for them here (see README.md, "Deletion vectors"); with
 * {@code table.datalake.auto-compaction} their tiered snapshot is the COMPACT one, which has no
 * level-0 files. Then, for every table and every recorded id,
 * it writes the Paimon oracle {@code <db.t>.<id>.jsonl} (as {@code dump-lake}),
 * {@code <db.t>.rounds.json} (the ids, one per round) and {@code <db.t>.meta.json} (as
 * {@code dump-lake-meta} of the last round's snapshot), and {@code summary.json}.
 */
final class LakeRounds {
    private LakeRounds() {}

    private static final class T {
        TablePath path;
        Map<String, Object> spec;
        List<Object> rounds;
        boolean dv;
        /** pinned target offsets per round (index N-1) */
        List<Map<TableBucket, Long>> targets = new ArrayList<>();
        /** recorded readable snapshot id per round */
        List<Long> ids = new ArrayList<>();
        List<Long> waitMs = new ArrayList<>();
        long pendingSince;
        /** partition id -> name (partitioned tables) */
        Map<Long, String> partNames = new HashMap<>();
    }

    @SuppressWarnings("unchecked")
    static int run(Map<String, String> a) throws Exception {
        Map<String, Object> spec = DataTool.readSpec(a);
        Path outDir = Path.of(DataTool.req(a, "out-dir"));
        Files.createDirectories(outDir);
        long timeoutMs = 1000L * Long.parseLong(a.getOrDefault("timeout-s", "180"));
        long pollMs = Long.parseLong(a.getOrDefault("poll-ms", "1000"));
        long t0 = System.currentTimeMillis();
        List<T> tables = new ArrayList<>();
        int rounds = 0;
        try (Connection c = DataTool.connect(a)) {
            Admin admin = c.getAdmin();
            for (Object dbo : CreateCmd.list(spec, "databases")) {
                Map<String, Object> db = (Map<String, Object>) dbo;
                for (Object to : CreateCmd.list(db, "tables")) {
                    Map<String, Object> ts = (Map<String, Object>) to;
                    if (CreateCmd.list(ts, "rounds").isEmpty()) {
                        continue;
                    }
                    T t = new T();
                    t.path = TablePath.of((String) db.get("name"), (String) ts.get("name"));
                    t.spec = ts;
                    t.rounds = CreateCmd.list(ts, "rounds");
                    TableInfo info = admin.getTableInfo(t.path).get();
                    t.dv = "true".equalsIgnoreCase(info.getCustomProperties().toMap()
                            .getOrDefault("paimon.deletion-vectors.enabled",
                                    info.getProperties().toMap().get(
                                            "paimon.deletion-vectors.enabled")));
                    tables.add(t);
                    rounds = Math.max(rounds, t.rounds.size());
                }
            }
            for (int n = 1; n <= rounds; n++) {
                long tw = System.currentTimeMillis();
                for (T t : tables) {
                    if (n <= t.rounds.size()) {
                        WriteCmd.writeRound(c, t.path, t.spec,
                                (Map<String, Object>) t.rounds.get(n - 1));
                        t.targets.add(WaitLake.latestOffsets(admin, t.path));
                        t.pendingSince = System.currentTimeMillis();
                    }
                }
                System.err.printf("lake-rounds: round %d written in %d ms%n", n,
                        System.currentTimeMillis() - tw);
                waitAll(admin, tables, timeoutMs, pollMs);
                afterRound(a.get("after-round"), n);
            }
            for (T t : tables) {
                if (admin.getTableInfo(t.path).get().isPartitioned()) {
                    for (org.apache.fluss.metadata.PartitionInfo p
                            : admin.listPartitionInfos(t.path).get()) {
                        t.partNames.put(p.getPartitionId(), p.getPartitionName());
                    }
                }
            }
        }
        System.err.printf("lake-rounds: all rounds tiered after %d ms%n",
                System.currentTimeMillis() - t0);

        // The Paimon oracle for every recorded snapshot.
        Map<String, String> ca = new HashMap<>(a);
        Map<String, Object> summary = new TreeMap<>();
        for (T t : tables) {
            ca.put("table", t.path.toString());
            Catalog[] cat = new Catalog[1];
            FileStoreTable table = DumpLake.open(ca, cat);
            try {
                Map<String, Object> counts = new TreeMap<>();
                for (Long id : t.ids) {
                    Path f = outDir.resolve(t.path + "." + id + ".jsonl");
                    try (PrintStream out = new PrintStream(Files.newOutputStream(f), false,
                            StandardCharsets.UTF_8)) {
                        counts.put(String.valueOf(id), DumpLake.rows(table, id, out));
                    }
                }
                Files.writeString(outDir.resolve(t.path + ".rounds.json"),
                        Json.compact(t.ids) + "\n", StandardCharsets.UTF_8);
                Files.writeString(outDir.resolve(t.path + ".meta.json"),
                        Json.pretty(DumpLake.meta(table, t.path.toString(),
                                t.ids.get(t.ids.size() - 1))), StandardCharsets.UTF_8);
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("snapshot_ids", t.ids);
                s.put("row_counts", counts);
                s.put("deletion_vectors", t.dv);
                s.put("snapshot_api", t.dv ? "getLatestLakeSnapshot" : "getReadableLakeSnapshot");
                s.put("wait_ms", t.waitMs);
                List<Object> offs = new ArrayList<>();
                for (Map<TableBucket, Long> m : t.targets) {
                    offs.add(offsets(m, t.partNames));
                }
                s.put("log_offsets", offs);
                summary.put(t.path.toString(), s);
                System.err.printf("lake-rounds: %s rounds %s rows %s%n", t.path, t.ids, counts);
            } finally {
                cat[0].close();
            }
        }
        Files.writeString(outDir.resolve("summary.json"), Json.pretty(summary),
                StandardCharsets.UTF_8);
        return 0;
    }

    /**
     * Runs {@code --after-round CMD} (a shell command; "{round}" becomes the round's number)
     * once round N is tiered and before round N+1 is written, while the lake holds exactly the
     * rows written so far: the fixture reads every table there with Fluss's own union read.
     */
    private static void afterRound(String cmd, int n) throws Exception {
        if (cmd == null || cmd.isEmpty()) {
            return;
        }
        long t = System.currentTimeMillis();
        Process p = new ProcessBuilder("bash", "-c", cmd.replace("{round}", String.valueOf(n)))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int rc = p.waitFor();
        System.err.printf("lake-rounds: after round %d: exit %d in %d ms%n", n, rc,
                System.currentTimeMillis() - t);
    }

    /**
     * Target offsets as [{"partition", "partition_id", "bucket", "offset"}] sorted by
     * (partition_id, bucket); partition is the Fluss partition name or null.
     */
    private static List<Object> offsets(Map<TableBucket, Long> m, Map<Long, String> names) {
        List<Map.Entry<TableBucket, Long>> es = new ArrayList<>(m.entrySet());
        es.sort((x, y) -> {
            long px = x.getKey().getPartitionId() == null ? -1 : x.getKey().getPartitionId();
            long py = y.getKey().getPartitionId() == null ? -1 : y.getKey().getPartitionId();
            return px != py ? Long.compare(px, py)
                    : Integer.compare(x.getKey().getBucket(), y.getKey().getBucket());
        });
        List<Object> out = new ArrayList<>();
        for (Map.Entry<TableBucket, Long> e : es) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("partition", names.get(e.getKey().getPartitionId()));
            o.put("partition_id", e.getKey().getPartitionId());
            o.put("bucket", (long) e.getKey().getBucket());
            o.put("offset", e.getValue());
            out.add(o);
        }
        return out;
    }

    /**
     * Polls until every table has a snapshot id (readable; latest for deletion-vector tables)
     * covering the target offsets of each round written so far.
     */
    private static void waitAll(Admin admin, List<T> tables, long timeoutMs, long pollMs)
            throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            List<String> pending = new ArrayList<>();
            for (T t : tables) {
                int want = t.targets.size();
                if (t.ids.size() >= want) {
                    continue;
                }
                Map<TableBucket, Long> target = t.targets.get(t.ids.size());
                LakeSnapshot snap = WaitLake.snapshot(admin, t.path, t.dv);
                String behind = snap == null ? "no readable snapshot" : behind(snap, target);
                if (behind == null) {
                    t.ids.add(snap.getSnapshotId());
                    t.waitMs.add(System.currentTimeMillis() - t.pendingSince);
                    System.err.printf("lake-rounds: %s round %d -> snapshot %d (%d ms)%n",
                            t.path, t.ids.size(), snap.getSnapshotId(),
                            System.currentTimeMillis() - t.pendingSince);
                    if (t.ids.size() < want) {
                        pending.add(t.path.toString()); // check the next round right away
                    }
                } else {
                    pending.add(t.path + " round " + (t.ids.size() + 1) + ": " + behind);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("lake-rounds: timed out: " + pending);
            }
            Thread.sleep(pollMs);
        }
    }

    /** null if {@code snap} covers every target offset, else a description of what lags. */
    private static String behind(LakeSnapshot snap, Map<TableBucket, Long> target) {
        List<String> behind = new ArrayList<>();
        for (Map.Entry<TableBucket, Long> e : target.entrySet()) {
            long have = snap.getTableBucketsOffset().getOrDefault(e.getKey(), 0L);
            if (have < e.getValue()) {
                behind.add(e.getKey() + " at " + have + " < " + e.getValue());
            }
        }
        return behind.isEmpty() ? null
                : "readable snapshot " + snap.getSnapshotId() + " behind: " + behind;
    }
}
