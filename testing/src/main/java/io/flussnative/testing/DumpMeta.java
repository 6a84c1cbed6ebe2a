package io.flussnative.testing;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.admin.Admin;
import org.apache.fluss.client.admin.OffsetSpec;
import org.apache.fluss.client.metadata.KvSnapshots;
import org.apache.fluss.client.metadata.LakeSnapshot;
import org.apache.fluss.metadata.PartitionInfo;
import org.apache.fluss.metadata.Schema;
import org.apache.fluss.metadata.TableBucket;
import org.apache.fluss.metadata.TableInfo;
import org.apache.fluss.metadata.TablePath;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** {@code dump-meta --bootstrap H:P [--out FILE] [--databases a,b]}: canonical metadata JSON. */
final class DumpMeta {
    private DumpMeta() {}

    static int run(Map<String, String> a) throws Exception {
        try (Connection c = DataTool.connect(a); PrintStream out = DataTool.out(a)) {
            Admin admin = c.getAdmin();
            List<String> dbs = new ArrayList<>(admin.listDatabases().get());
            if (a.containsKey("databases")) {
                dbs.retainAll(Arrays.asList(a.get("databases").split(",")));
            }
            dbs.sort(null);
            Map<String, Object> tables = new TreeMap<>();
            for (String db : dbs) {
                for (String t : admin.listTables(db).get()) {
                    TablePath path = TablePath.of(db, t);
                    tables.put(path.toString(), table(admin, path));
                }
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("databases", dbs);
            root.put("tables", tables);
            out.print(Json.pretty(root));
        }
        return 0;
    }

    static Map<String, Object> table(Admin admin, TablePath path) throws Exception {
        TableInfo info = admin.getTableInfo(path).get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database", path.getDatabaseName());
        m.put("table", path.getTableName());
        m.put("table_id", info.getTableId());
        m.put("schema_id", (long) info.getSchemaId());
        m.put("created_time", info.getCreatedTime());
        m.put("modified_time", info.getModifiedTime());
        m.put("comment", info.getComment().orElse(null));
        List<Object> cols = new ArrayList<>();
        for (Schema.Column col : info.getSchema().getColumns()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", col.getName());
            cm.put("type", col.getDataType().asSerializableString());
            cm.put("nullable", col.getDataType().isNullable());
            cm.put("comment", col.getComment().orElse(null));
            cols.add(cm);
        }
        m.put("columns", cols);
        m.put("primary_key", info.getPrimaryKeys());
        m.put("partition_keys", info.getPartitionKeys());
        m.put("bucket_count", (long) info.getNumBuckets());
        m.put("bucket_keys", info.getBucketKeys());
        m.put("properties", info.getProperties().toMap());
        m.put("custom_properties", info.getCustomProperties().toMap());

        // partitions sorted by name; null entry stands for "not partitioned"
        List<PartitionInfo> parts = info.isPartitioned()
                ? new ArrayList<>(admin.listPartitionInfos(path).get()) : new ArrayList<>();
        parts.sort(Comparator.comparing(PartitionInfo::getPartitionName));
        Map<Long, String> partNames = new HashMap<>();
        List<Object> partList = new ArrayList<>();
        for (PartitionInfo p : parts) {
            partNames.put(p.getPartitionId(), p.getPartitionName());
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("id", p.getPartitionId());
            pm.put("name", p.getPartitionName());
            pm.put("spec", p.getPartitionSpec().getSpecMap());
            partList.add(pm);
        }
        m.put("partitions", partList);
        List<String> names = info.isPartitioned()
                ? parts.stream().map(PartitionInfo::getPartitionName).collect(Collectors.toList())
                : java.util.Collections.singletonList(null);

        List<Integer> buckets = IntStream.range(0, info.getNumBuckets()).boxed()
                .collect(Collectors.toList());
        List<Object> offsets = new ArrayList<>();
        List<Object> kv = new ArrayList<>();
        for (String pn : names) {
            Map<Integer, Long> early = offsets(admin, path, pn, buckets, new OffsetSpec.EarliestSpec());
            Map<Integer, Long> late = offsets(admin, path, pn, buckets, new OffsetSpec.LatestSpec());
            for (int b : buckets) {
                Map<String, Object> om = new LinkedHashMap<>();
                om.put("partition", pn);
                om.put("bucket", (long) b);
                om.put("earliest", early.get(b));
                om.put("latest", late.get(b));
                offsets.add(om);
            }
            if (info.hasPrimaryKey()) {
                KvSnapshots snaps = pn == null ? admin.getLatestKvSnapshots(path).get()
                        : admin.getLatestKvSnapshots(path, pn).get();
                for (int b : buckets) {
                    Map<String, Object> km = new LinkedHashMap<>();
                    km.put("partition", pn);
                    km.put("bucket", (long) b);
                    km.put("snapshot_id", boxed(snaps.getSnapshotId(b)));
                    km.put("log_offset", boxed(snaps.getLogOffset(b)));
                    kv.add(km);
                }
            }
        }
        m.put("offsets", offsets);
        m.put("kv_snapshots", kv);
        m.put("lake_snapshot", lake(admin, path, partNames));
        return m;
    }

    private static Map<Integer, Long> offsets(Admin admin, TablePath path, String partition,
                                              List<Integer> buckets, OffsetSpec spec)
            throws Exception {
        return DataTool.retry(() -> (partition == null ? admin.listOffsets(path, buckets, spec)
                : admin.listOffsets(path, partition, buckets, spec)).all());
    }

    private static Long boxed(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }

    private static Object lake(Admin admin, TablePath path, Map<Long, String> partNames)
            throws Exception {
        LakeSnapshot snap;
        try {
            snap = admin.getLatestLakeSnapshot(path).get();
        } catch (ExecutionException e) {
            if (e.getCause() != null && e.getCause().getClass().getSimpleName()
                    .equals("LakeTableSnapshotNotExistException")) {
                return null;
            }
            throw e;
        }
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (Map.Entry<TableBucket, Long> e : snap.getTableBucketsOffset().entrySet()) {
            Map<String, Object> bm = new LinkedHashMap<>();
            Long pid = e.getKey().getPartitionId();
            bm.put("partition", pid == null ? null : partNames.get(pid));
            bm.put("partition_id", pid);
            bm.put("bucket", (long) e.getKey().getBucket());
            bm.put("log_offset", e.getValue());
            buckets.add(bm);
        }
        buckets.sort(Comparator.comparing((Map<String, Object> x) ->
                        x.get("partition") == null ? "" : (String) x.get("partition"))
                .thenComparing(x -> (Long) x.get("bucket")));
        Map<String, Object> lm = new LinkedHashMap<>();
        lm.put("snapshot_id", snap.getSnapshotId());
        lm.put("buckets", buckets);
        return lm;
    }
}
