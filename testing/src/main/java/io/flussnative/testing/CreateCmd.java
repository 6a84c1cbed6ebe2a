package io.flussnative.testing;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.admin.Admin;
import org.apache.fluss.metadata.DatabaseDescriptor;
import org.apache.fluss.metadata.Schema;
import org.apache.fluss.metadata.TableDescriptor;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.types.DataTypeParser;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** {@code create --bootstrap H:P --spec FILE}: creates databases and tables from a JSON spec. */
final class CreateCmd {
    private CreateCmd() {}

    @SuppressWarnings("unchecked")
    static int run(Map<String, String> a) throws Exception {
        Map<String, Object> spec = DataTool.readSpec(a);
        boolean skip = Boolean.TRUE.equals(spec.get("skip_existing"));
        try (Connection c = DataTool.connect(a)) {
            Admin admin = c.getAdmin();
            for (Object dbo : list(spec, "databases")) {
                Map<String, Object> db = (Map<String, Object>) dbo;
                String dbName = (String) db.get("name");
                DatabaseDescriptor.Builder dd = DatabaseDescriptor.builder()
                        .comment((String) db.get("comment"));
                map(db, "custom_properties").forEach((k, v) -> dd.customProperty(k, (String) v));
                admin.createDatabase(dbName, dd.build(), skip).get();
                for (Object to : list(db, "tables")) {
                    Map<String, Object> t = (Map<String, Object>) to;
                    TablePath path = TablePath.of(dbName, (String) t.get("name"));
                    TableDescriptor desc = descriptor(t);
                    admin.createTable(path, desc, skip).get();
                    ensureServed(admin, path, desc);
                    System.err.println("created " + path);
                }
            }
        }
        return 0;
    }

    /**
     * Works around a Fluss 0.9.1 coordinator race: under load its ZooKeeper watcher can miss a
     * table creation (NODE_CREATED with data already set is ignored), leaving a table that is
     * listed but never gets buckets/leaders. For non-partitioned tables we probe
     * listOffsets and, if leaders never appear, drop and re-create the table.
     */
    static void ensureServed(Admin admin, TablePath path, TableDescriptor desc) throws Exception {
        if (desc.isPartitioned()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            int n = admin.getTableInfo(path).get().getNumBuckets();
            java.util.List<Integer> buckets = new java.util.ArrayList<>();
            for (int b = 0; b < n; b++) {
                buckets.add(b);
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                try {
                    admin.listOffsets(path, buckets,
                            new org.apache.fluss.client.admin.OffsetSpec.LatestSpec()).all().get();
                    return;
                } catch (Exception e) {
                    Thread.sleep(200);
                }
            }
            if (attempt >= 3) {
                throw new IllegalStateException("table " + path + " never got bucket leaders");
            }
            System.err.println("WARN: " + path + " has no bucket leaders; re-creating it");
            admin.dropTable(path, true).get();
            admin.createTable(path, desc, false).get();
        }
    }

    @SuppressWarnings("unchecked")
    static TableDescriptor descriptor(Map<String, Object> t) {
        Schema.Builder sb = Schema.newBuilder();
        for (Object co : list(t, "columns")) {
            Map<String, Object> col = (Map<String, Object>) co;
            sb.column((String) col.get("name"), DataTypeParser.parse((String) col.get("type")));
            if (col.get("comment") != null) {
                sb.withComment((String) col.get("comment"));
            }
        }
        List<String> pk = strings(t, "primary_key");
        if (!pk.isEmpty()) {
            sb.primaryKey(pk);
        }
        TableDescriptor.Builder tb = TableDescriptor.builder().schema(sb.build())
                .comment((String) t.get("comment"))
                .partitionedBy(strings(t, "partition_keys"));
        Object buckets = t.get("bucket_count");
        if (buckets != null || t.containsKey("bucket_keys")) {
            tb.distributedBy(buckets == null ? null : ((Long) buckets).intValue(),
                    strings(t, "bucket_keys"));
        }
        map(t, "properties").forEach((k, v) -> tb.property(k, String.valueOf(v)));
        map(t, "custom_properties").forEach((k, v) -> tb.customProperty(k, String.valueOf(v)));
        return tb.build();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? Collections.emptyList() : (List<Object>) v;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Map<String, Object> m, String key) {
        return (List<String>) (List<?>) list(m, key);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? Collections.emptyMap() : (Map<String, Object>) v;
    }
}
