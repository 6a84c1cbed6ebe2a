package io.flussnative.testing;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.admin.Admin;
import org.apache.fluss.client.table.Table;
import org.apache.fluss.client.table.writer.AppendWriter;
import org.apache.fluss.client.table.writer.UpsertWriter;
import org.apache.fluss.metadata.PartitionInfo;
import org.apache.fluss.metadata.TableInfo;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.GenericRow;
import org.apache.fluss.types.DataType;
import org.apache.fluss.types.RowType;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code write --bootstrap H:P --spec FILE [--table db.tbl]}: writes generated rows to every table
 * of the spec that has a "rows" entry. Log tables: {@code count} appends. Primary-key tables:
 * {@code count} inserts (keys 0..count-1), then re-upserts every key with key%3==0 and deletes
 * every key with key%5==0.
 */
final class WriteCmd {
    private WriteCmd() {}

    @SuppressWarnings("unchecked")
    static int run(Map<String, String> a) throws Exception {
        Map<String, Object> spec = DataTool.readSpec(a);
        String only = a.get("table");
        try (Connection c = DataTool.connect(a)) {
            for (Object dbo : CreateCmd.list(spec, "databases")) {
                Map<String, Object> db = (Map<String, Object>) dbo;
                for (Object to : CreateCmd.list(db, "tables")) {
                    Map<String, Object> t = (Map<String, Object>) to;
                    TablePath path = TablePath.of((String) db.get("name"), (String) t.get("name"));
                    Map<String, Object> rows = CreateCmd.map(t, "rows");
                    if (rows.isEmpty() || (only != null && !only.equals(path.toString()))) {
                        continue;
                    }
                    long n = write(c, path, rows);
                    System.err.println("wrote " + n + " changes to " + path);
                }
            }
        }
        return 0;
    }

    private static long write(Connection c, TablePath path, Map<String, Object> rows)
            throws Exception {
        int count = ((Long) rows.get("count")).intValue();
        long seed = (Long) rows.getOrDefault("seed", 1L);
        try (Table table = c.getTable(path)) {
            TableInfo info = table.getTableInfo();
            List<Map<String, String>> parts = partitions(c.getAdmin(), info, rows);
            Gen gen = new Gen(seed);
            List<CompletableFuture<?>> acks = new ArrayList<>();
            if (!info.hasPrimaryKey()) {
                AppendWriter w = table.newAppend().createWriter();
                for (int i = 0; i < count; i++) {
                    acks.add(w.append(row(info, gen, i, i, parts)));
                }
                w.flush();
            } else {
                UpsertWriter w = table.newUpsert().createWriter();
                for (int k = 0; k < count; k++) {
                    acks.add(w.upsert(row(info, gen, k, k, parts)));
                }
                for (int k = 0; k < count; k += 3) {
                    acks.add(w.upsert(row(info, gen, k, count + k, parts)));
                }
                for (int k = 0; k < count; k += 5) {
                    acks.add(w.delete(row(info, gen, k, count + k, parts)));
                }
                w.flush();
            }
            CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get();
            return acks.size();
        }
    }

    /** Builds row number {@code i} with primary key {@code key}. */
    private static GenericRow row(TableInfo info, Gen gen, long key, int i,
                                  List<Map<String, String>> parts) {
        RowType rt = info.getRowType();
        List<String> pk = info.getPrimaryKeys();
        List<String> partKeys = info.getPartitionKeys();
        GenericRow r = new GenericRow(rt.getFieldCount());
        Map<String, String> part = parts.isEmpty() ? null : parts.get((int) (key % parts.size()));
        for (int f = 0; f < rt.getFieldCount(); f++) {
            String name = rt.getFieldNames().get(f);
            DataType type = rt.getTypeAt(f);
            if (partKeys.contains(name)) {
                r.setField(f, partitionValue(type, part.get(name)));
            } else if (pk.contains(name)) {
                r.setField(f, Gen.keyValue(type, key));
            } else if (i == f && type.isNullable()) {
                r.setField(f, null); // guarantees a null in every nullable column
            } else {
                r.setField(f, gen.value(type));
            }
        }
        return r;
    }

    private static Object partitionValue(DataType t, String v) {
        switch (t.getTypeRoot()) {
            case STRING: return BinaryString.fromString(v);
            case INTEGER: return Integer.parseInt(v);
            case BIGINT: return Long.parseLong(v);
            case BOOLEAN: return Boolean.parseBoolean(v);
            default: throw new IllegalArgumentException("unsupported partition key type " + t);
        }
    }

    /** Partition specs to spread rows over: rows.partitions from the spec, else existing ones. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> partitions(Admin admin, TableInfo info,
                                                        Map<String, Object> rows)
            throws Exception {
        List<Map<String, String>> out = new ArrayList<>();
        if (!info.isPartitioned()) {
            return out;
        }
        for (Object o : CreateCmd.list(rows, "partitions")) {
            Map<String, String> spec = new java.util.LinkedHashMap<>();
            ((Map<String, Object>) o).forEach((k, v) -> spec.put(k, expand(info, (String) v)));
            out.add(spec);
            // create up front (rather than relying on the writer's dynamic partition creation)
            admin.createPartition(info.getTablePath(),
                    new org.apache.fluss.metadata.PartitionSpec(spec), true).get();
        }
        if (out.isEmpty()) {
            for (PartitionInfo p : admin.listPartitionInfos(info.getTablePath()).get()) {
                out.add(p.getPartitionSpec().getSpecMap());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no partitions to write to for " + info.getTablePath());
        }
        return out;
    }

    /** Expands "$AUTO+k" / "$AUTO-k" into the auto-partition value k time units from now. */
    private static String expand(TableInfo info, String v) {
        if (!v.startsWith("$AUTO")) {
            return v;
        }
        long k = v.length() > 5 ? Long.parseLong(v.substring(5).replace("+", "")) : 0;
        Map<String, String> p = info.getProperties().toMap();
        String unit = p.getOrDefault("table.auto-partition.time-unit", "DAY").toUpperCase();
        ZoneId zone = ZoneId.of(p.getOrDefault("table.auto-partition.time-zone",
                ZoneId.systemDefault().getId()));
        ZonedDateTime now = ZonedDateTime.now(zone);
        switch (unit) {
            case "HOUR": return now.plusHours(k).format(DateTimeFormatter.ofPattern("yyyyMMddHH"));
            case "DAY": return now.plusDays(k).format(DateTimeFormatter.ofPattern("yyyyMMdd"));
            case "MONTH": return now.plusMonths(k).format(DateTimeFormatter.ofPattern("yyyyMM"));
            case "YEAR": return now.plusYears(k).format(DateTimeFormatter.ofPattern("yyyy"));
            default: throw new IllegalArgumentException("unsupported time unit " + unit);
        }
    }
}
