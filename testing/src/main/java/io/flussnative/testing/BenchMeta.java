package io.flussnative.testing;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.admin.Admin;
import org.apache.fluss.metadata.DatabaseDescriptor;
import org.apache.fluss.metadata.Schema;
import org.apache.fluss.metadata.TableDescriptor;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.types.DataTypes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@code bench-meta --tables N [--iterations M]}: Admin metadata latency micro-benchmark. */
final class BenchMeta {
    static final String DB = "bench_meta";

    private BenchMeta() {}

    static int run(Map<String, String> a) throws Exception {
        int n = Integer.parseInt(a.getOrDefault("tables", "1000"));
        int iters = Integer.parseInt(a.getOrDefault("iterations", "500"));
        try (Connection c = DataTool.connect(a)) {
            Admin admin = c.getAdmin();
            long t0 = System.nanoTime();
            int created = ensureTables(admin, n);
            double createS = (System.nanoTime() - t0) / 1e9;
            Random rnd = new Random(42);
            // warm-up
            for (int i = 0; i < 20; i++) {
                admin.getTableInfo(TablePath.of(DB, name(rnd.nextInt(n)))).get();
                admin.listTables(DB).get();
            }
            List<Double> describe = new ArrayList<>();
            for (int i = 0; i < iters; i++) {
                TablePath p = TablePath.of(DB, name(rnd.nextInt(n)));
                long s = System.nanoTime();
                admin.getTableInfo(p).get();
                describe.add((System.nanoTime() - s) / 1e6);
            }
            List<Double> list = new ArrayList<>();
            for (int i = 0; i < Math.max(20, iters / 10); i++) {
                long s = System.nanoTime();
                int size = admin.listTables(DB).get().size();
                list.add((System.nanoTime() - s) / 1e6);
                if (size < n) {
                    throw new IllegalStateException("listTables returned " + size);
                }
            }
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("describe_p50_ms", pct(describe, 50));
            res.put("describe_p95_ms", pct(describe, 95));
            res.put("list_tables_p50_ms", pct(list, 50));
            res.put("list_tables_p95_ms", pct(list, 95));
            res.put("samples", (long) describe.size());
            res.put("list_samples", (long) list.size());
            res.put("tables", (long) n);
            res.put("tables_created", (long) created);
            res.put("setup_s", Math.round(createS * 1000) / 1000.0);
            System.out.println(Json.compact(res));
        }
        return 0;
    }

    static String name(int i) {
        return String.format("t%04d", i);
    }

    private static int ensureTables(Admin admin, int n) throws Exception {
        admin.createDatabase(DB, DatabaseDescriptor.EMPTY, true).get();
        Set<String> have = new HashSet<>(admin.listTables(DB).get());
        TableDescriptor desc = TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT())
                        .column("name", DataTypes.STRING()).build())
                .distributedBy(1).property("table.replication.factor", "1").build();
        List<CompletableFuture<Void>> inflight = new ArrayList<>();
        List<TablePath> created = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (have.contains(name(i))) {
                continue;
            }
            TablePath p = TablePath.of(DB, name(i));
            inflight.add(admin.createTable(p, desc, true));
            created.add(p);
            if (inflight.size() >= 8) {
                CompletableFuture.allOf(inflight.toArray(new CompletableFuture[0])).get();
                inflight.clear();
            }
        }
        CompletableFuture.allOf(inflight.toArray(new CompletableFuture[0])).get();
        for (int i = 0; i < n; i++) { // also repairs tables left broken by an earlier run
            CreateCmd.ensureServed(admin, TablePath.of(DB, name(i)), desc); // see CreateCmd
        }
        return created.size();
    }

    private static double pct(List<Double> xs, int p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        double v = s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
        return Math.round(v * 1000) / 1000.0;
    }
}
