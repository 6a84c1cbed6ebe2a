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
                    admin.createTable(path, descriptor(t), skip).get();
                    System.err.println("created " + path);
                }
            }
        }
        return 0;
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
