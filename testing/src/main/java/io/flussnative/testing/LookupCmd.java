package io.flussnative.testing;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.lookup.Lookup;
import org.apache.fluss.client.lookup.LookupResult;
import org.apache.fluss.client.lookup.Lookuper;
import org.apache.fluss.client.table.Table;
import org.apache.fluss.metadata.TableInfo;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.row.GenericRow;
import org.apache.fluss.row.InternalRow;
import org.apache.fluss.types.RowType;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code lookup --table db.tbl --keys FILE [--prefix a,b] [--out FILE]}: the Java {@code Lookuper}'s
 * answer for each key of FILE (JSON lines, each an array of key values in the canonical encoding,
 * in primary-key order; with {@code --prefix}, the values of those lookup columns), one JSON line
 * per key: {@code {"key": [...], "rows": [row, ...]}} (no rows: the key does not exist).
 *
 * <p>{@code bench-lookup --table db.tbl --keys FILE [--batch 1] [--iterations 1000] [--warmup 200]
 * [--lookup-batch-timeout-ms N] [--peer NAME]}:
 * latency of the Java Lookuper: each iteration looks up {@code batch} keys (round-robin over FILE)
 * concurrently and waits for all; prints one JSON line with p50/p99/p999 in microseconds and
 * lookups per second.
 */
final class LookupCmd {
    private LookupCmd() {}

    private static List<List<Object>> readKeys(String file) throws Exception {
        List<List<Object>> keys = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                @SuppressWarnings("unchecked")
                List<Object> k = (List<Object>) Json.parse(line);
                keys.add(k);
            }
        }
        return keys;
    }

    private static TablePath path(Map<String, String> a) {
        String t = DataTool.req(a, "table");
        return TablePath.of(t.split("\\.", 2)[0], t.split("\\.", 2)[1]);
    }

    private static List<String> keyColumns(TableInfo info, Map<String, String> a) {
        String prefix = a.get("prefix");
        return prefix == null ? info.getPrimaryKeys() : Arrays.asList(prefix.split(","));
    }

    private static Lookuper lookuper(Table table, TableInfo info, Map<String, String> a) {
        Lookup l = table.newLookup();
        if (a.get("prefix") != null) {
            l = l.lookupBy(keyColumns(info, a));
        }
        return l.createLookuper();
    }

    private static List<InternalRow> keyRows(TableInfo info, List<String> cols, List<List<Object>> keys) {
        RowType rt = info.getRowType();
        List<InternalRow> rows = new ArrayList<>();
        for (List<Object> k : keys) {
            GenericRow r = new GenericRow(cols.size());
            for (int i = 0; i < cols.size(); i++) {
                r.setField(i, KeyValues.internal(k.get(i), rt.getTypeAt(rt.getFieldIndex(cols.get(i)))));
            }
            rows.add(r);
        }
        return rows;
    }

    static int run(Map<String, String> a) throws Exception {
        List<List<Object>> keys = readKeys(DataTool.req(a, "keys"));
        try (Connection c = DataTool.connect(a); PrintStream out = DataTool.out(a);
             Table table = c.getTable(path(a))) {
            TableInfo info = table.getTableInfo();
            Lookuper lookuper = lookuper(table, info, a);
            List<InternalRow> rows = keyRows(info, keyColumns(info, a), keys);
            for (int i = 0; i < rows.size(); i++) {
                LookupResult r = lookuper.lookup(rows.get(i)).get();
                List<Object> found = new ArrayList<>();
                for (InternalRow row : r.getRowList()) {
                    found.add(Values.row(row, info.getRowType()));
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key", keys.get(i));
                m.put("rows", found);
                out.println(Json.compact(m));
            }
        }
        return 0;
    }

    static int bench(Map<String, String> a) throws Exception {
        List<List<Object>> keys = readKeys(DataTool.req(a, "keys"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "1"));
        int iterations = Integer.parseInt(a.getOrDefault("iterations", "1000"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "200"));
        try (Connection c = DataTool.connect(a); Table table = c.getTable(path(a))) {
            TableInfo info = table.getTableInfo();
            Lookuper lookuper = lookuper(table, info, a);
            List<InternalRow> rows = keyRows(info, keyColumns(info, a), keys);
            long[] lat = new long[iterations];
            int next = 0;
            long found = 0;
            long start = 0;
            for (int it = -warmup; it < iterations; it++) {
                if (it == 0) {
                    start = System.nanoTime();
                }
                long t0 = System.nanoTime();
                List<CompletableFuture<LookupResult>> fs = new ArrayList<>(batch);
                for (int k = 0; k < batch; k++) {
                    fs.add(lookuper.lookup(rows.get(next)));
                    next = (next + 1) % rows.size();
                }
                for (CompletableFuture<LookupResult> f : fs) {
                    int n = f.get().getRowList().size();
                    if (it >= 0) {
                        found += n;
                    }
                }
                if (it >= 0) {
                    lat[it] = System.nanoTime() - t0;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(lat);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("peer", a.getOrDefault("peer", "java"));
            m.put("batch", (long) batch);
            m.put("iterations", (long) iterations);
            m.put("p50_us", lat[(int) (iterations * 0.50)] / 1000L);
            m.put("p99_us", lat[Math.min(iterations - 1, (int) (iterations * 0.99))] / 1000L);
            m.put("p999_us", lat[Math.min(iterations - 1, (int) (iterations * 0.999))] / 1000L);
            m.put("lookups_per_s", (long) (iterations * (double) batch / seconds));
            m.put("rows_found", found);
            System.out.println(Json.compactInOrder(m));
        }
        return 0;
    }
}
