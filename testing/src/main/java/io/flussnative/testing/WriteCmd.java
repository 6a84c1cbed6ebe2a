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
 * {@code write --bootstrap H:P --spec FILE [--table db.tbl] [--round N]}: writes generated rows to
 * every table of the spec that has a "rows" entry. Log tables: {@code count} appends. Primary-key
 * tables: {@code count} inserts (keys 0..count-1), then re-upserts every key with key%3==0 and
 * deletes every key with key%5==0.
 *
 * <p>With {@code --round N} (1-based) it instead writes round N of every table that has a
 * "rounds" list (and at least N rounds): see {@link #writeRound}.
 */
final class WriteCmd {
    private WriteCmd() {}

    private static final Map<String, Long> NO_PAD = java.util.Collections.emptyMap();

    @SuppressWarnings("unchecked")
    static int run(Map<String, String> a) throws Exception {
        Map<String, Object> spec = DataTool.readSpec(a);
        String only = a.get("table");
        int round = Integer.parseInt(a.getOrDefault("round", "0"));
        try (Connection c = DataTool.connect(a)) {
            for (Object dbo : CreateCmd.list(spec, "databases")) {
                Map<String, Object> db = (Map<String, Object>) dbo;
                for (Object to : CreateCmd.list(db, "tables")) {
                    Map<String, Object> t = (Map<String, Object>) to;
                    TablePath path = TablePath.of((String) db.get("name"), (String) t.get("name"));
                    if (only != null && !only.equals(path.toString())) {
                        continue;
                    }
                    if (round > 0) {
                        List<Object> rounds = CreateCmd.list(t, "rounds");
                        if (rounds.size() >= round) {
                            long n = writeRound(c, path, t,
                                    (Map<String, Object>) rounds.get(round - 1));
                            System.err.println("round " + round + ": wrote " + n
                                    + " changes to " + path);
                        }
                        continue;
                    }
                    Map<String, Object> rows = CreateCmd.map(t, "rows");
                    if (rows.isEmpty()) {
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
                    acks.add(w.append(row(info, gen, i, i, parts, NO_PAD)));
                }
                w.flush();
            } else {
                UpsertWriter w = table.newUpsert().createWriter();
                for (int k = 0; k < count; k++) {
                    acks.add(w.upsert(row(info, gen, k, k, parts, NO_PAD)));
                }
                for (int k = 0; k < count; k += 3) {
                    acks.add(w.upsert(row(info, gen, k, count + k, parts, NO_PAD)));
                }
                for (int k = 0; k < count; k += 5) {
                    acks.add(w.delete(row(info, gen, k, count + k, parts, NO_PAD)));
                }
                w.flush();
            }
            CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get();
            return acks.size();
        }
    }

    /**
     * One round of a table's "rounds" list: {@code {"seed": S, "insert": R, "update": R,
     * "delete": R, "append": R}} where each R is a key range {@code {"from": a, "to": b, "step":
     * s}} (b exclusive, step default 1); every operation is optional. Log tables: "append"
     * appends one row per k in R. PK tables: "insert" then "update" upsert key k (fresh values,
     * the same partition) and then "delete" deletes key k. Row/key k goes to partition
     * {@code k % n} of the table's "round_partitions" (created up front; same list in every round
     * so a key always lives in the same partition).
     */
    @SuppressWarnings("unchecked")
    static long writeRound(Connection c, TablePath path, Map<String, Object> t,
                                   Map<String, Object> round) throws Exception {
        long seed = (Long) round.getOrDefault("seed", 1L);
        try (Table table = c.getTable(path)) {
            TableInfo info = table.getTableInfo();
            Map<String, Object> partSpec = new java.util.HashMap<>();
            // a round may override the table's partition list (e.g. after a partition was dropped)
            partSpec.put("partitions", round.containsKey("partitions") ? round.get("partitions")
                    : t.get("round_partitions"));
            Map<String, Long> pad = (Map<String, Long>) (Map<String, ?>) CreateCmd.map(t, "pad");
            List<Map<String, String>> parts = partitions(c.getAdmin(), info, partSpec);
            Gen gen = new Gen(seed);
            List<CompletableFuture<?>> acks = new ArrayList<>();
            int i = 0;
            if (!info.hasPrimaryKey()) {
                AppendWriter w = table.newAppend().createWriter();
                for (long k : range(round, "append")) {
                    acks.add(w.append(row(info, gen, k, i++, parts, pad)));
                }
                for (String op : new String[] {"insert", "update", "delete"}) {
                    if (round.containsKey(op)) {
                        throw new IllegalArgumentException(path + ": log tables only 'append'");
                    }
                }
                w.flush();
            } else {
                if (round.containsKey("append")) {
                    throw new IllegalArgumentException(path + ": PK tables have no 'append'");
                }
                UpsertWriter w = table.newUpsert().createWriter();
                // Each operation is its own acknowledged write, a few milliseconds
                // after the one before, so that the batches carry distinct commit
                // times: the time-travel tests pick a time between two of them.
                for (String op : new String[] {"insert", "update", "delete"}) {
                    List<Long> keys = range(round, op);
                    if (keys.isEmpty()) {
                        continue;
                    }
                    List<CompletableFuture<?>> opAcks = new ArrayList<>();
                    for (long k : keys) {
                        GenericRow r = row(info, gen, k, i++, parts, pad);
                        opAcks.add(op.equals("delete") ? w.delete(r) : w.upsert(r));
                    }
                    w.flush();
                    CompletableFuture.allOf(opAcks.toArray(new CompletableFuture[0])).get();
                    acks.addAll(opAcks);
                    Thread.sleep(20);
                }
            }
            CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get();
            return acks.size();
        }
    }

    private static List<Long> range(Map<String, Object> round, String op) {
        List<Long> out = new ArrayList<>();
        Map<String, Object> r = CreateCmd.map(round, op);
        if (r.isEmpty()) {
            return out;
        }
        long from = (Long) r.getOrDefault("from", 0L);
        long to = (Long) r.get("to");
        long step = (Long) r.getOrDefault("step", 1L);
        for (long k = from; k < to; k += step) {
            out.add(k);
        }
        return out;
    }

    /**
     * Builds row number {@code i} with primary key {@code key}; STRING columns named in
     * {@code pad} get a generated text of exactly that length (to make segments roll).
     */
    private static GenericRow row(TableInfo info, Gen gen, long key, int i,
                                  List<Map<String, String>> parts, Map<String, Long> pad) {
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
            } else if (pad.containsKey(name)) {
                r.setField(f, BinaryString.fromString(gen.text(pad.get(name).intValue())));
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
            case DATE: return (int) java.time.LocalDate.parse(v).toEpochDay(); // yyyy-MM-dd
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
        // Auto-partitioned tables: the coordinator creates the partitions
        // asynchronously after the table, so wait (bounded) for them to appear.
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (out.isEmpty()) {
            for (PartitionInfo p : admin.listPartitionInfos(info.getTablePath()).get()) {
                out.add(p.getPartitionSpec().getSpecMap());
            }
            if (!out.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(200);
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
