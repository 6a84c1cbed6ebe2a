package io.flussnative.testing;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.admin.Admin;
import org.apache.fluss.client.admin.OffsetSpec;
import org.apache.fluss.client.metadata.LakeSnapshot;
import org.apache.fluss.metadata.PartitionInfo;
import org.apache.fluss.metadata.TableBucket;
import org.apache.fluss.metadata.TableInfo;
import org.apache.fluss.metadata.TablePath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code wait-lake --bootstrap H:P --table db.t [--timeout-s N] [--poll-ms N] [--latest true]}:
 * waits until the table's readable lake snapshot ({@code Admin.getReadableLakeSnapshot}; with
 * {@code --latest true} the latest tiered one, {@code Admin.getLatestLakeSnapshot}) covers the
 * latest log offset (high watermark, read once at start) of every bucket of every partition,
 * then prints the lake (Paimon) snapshot id on stdout. Exit 1 on timeout (default 120 s).
 */
final class WaitLake {
    private WaitLake() {}

    static int run(Map<String, String> a) throws Exception {
        String[] name = DataTool.req(a, "table").split("\\.", 2);
        TablePath path = TablePath.of(name[0], name[1]);
        long timeoutMs = 1000L * Long.parseLong(a.getOrDefault("timeout-s", "120"));
        long pollMs = Long.parseLong(a.getOrDefault("poll-ms", "1000"));
        long deadline = System.currentTimeMillis() + timeoutMs;
        boolean latest = Boolean.parseBoolean(a.getOrDefault("latest", "false"));
        try (Connection c = DataTool.connect(a)) {
            Admin admin = c.getAdmin();
            Map<TableBucket, Long> target = latestOffsets(admin, path);
            String last = "no " + (latest ? "" : "readable ") + "lake snapshot yet";
            while (true) {
                LakeSnapshot snap = snapshot(admin, path, latest);
                if (snap != null) {
                    Map<TableBucket, Long> got = snap.getTableBucketsOffset();
                    List<String> behind = new ArrayList<>();
                    for (Map.Entry<TableBucket, Long> e : target.entrySet()) {
                        long have = got.getOrDefault(e.getKey(), 0L);
                        if (have < e.getValue()) {
                            behind.add(e.getKey() + " at " + have + " < " + e.getValue());
                        }
                    }
                    if (behind.isEmpty()) {
                        System.out.println(snap.getSnapshotId());
                        return 0;
                    }
                    last = "readable snapshot " + snap.getSnapshotId() + " behind: " + behind;
                }
                if (System.currentTimeMillis() + pollMs > deadline) {
                    System.err.println("wait-lake: " + path + " timed out after "
                            + timeoutMs / 1000 + " s: " + last);
                    return 1;
                }
                Thread.sleep(pollMs);
            }
        }
    }

    /** The readable (or with {@code latest}, the latest) lake snapshot; null if none yet. */
    static LakeSnapshot snapshot(Admin admin, TablePath path, boolean latest) throws Exception {
        try {
            return (latest ? admin.getLatestLakeSnapshot(path)
                    : admin.getReadableLakeSnapshot(path)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() != null && e.getCause().getClass().getSimpleName()
                    .equals("LakeTableSnapshotNotExistException")) {
                return null;
            }
            throw e;
        }
    }

    /** Latest offsets (high watermarks) of every bucket (of every partition). */
    static Map<TableBucket, Long> latestOffsets(Admin admin, TablePath path) throws Exception {
        TableInfo info = admin.getTableInfo(path).get();
        List<Integer> buckets = new ArrayList<>();
        for (int b = 0; b < info.getNumBuckets(); b++) {
            buckets.add(b);
        }
        Map<TableBucket, Long> out = new java.util.HashMap<>();
        OffsetSpec latest = new OffsetSpec.LatestSpec();
        if (!info.isPartitioned()) {
            Map<Integer, Long> o = DataTool.retry(() ->
                    admin.listOffsets(path, buckets, latest).all());
            o.forEach((b, off) -> out.put(new TableBucket(info.getTableId(), b), off));
            return out;
        }
        for (PartitionInfo p : admin.listPartitionInfos(path).get()) {
            Map<Integer, Long> o = DataTool.retry(() ->
                    admin.listOffsets(path, p.getPartitionName(), buckets, latest).all());
            o.forEach((b, off) ->
                    out.put(new TableBucket(info.getTableId(), p.getPartitionId(), b), off));
        }
        return out;
    }
}
