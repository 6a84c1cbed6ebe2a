package io.flussnative.tiering;

import io.flussnative.testing.Json;
import io.flussnative.testing.Values;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.ConnectionFactory;
import org.apache.fluss.flink.row.FlinkAsFlussRow;
import org.apache.fluss.metadata.TableInfo;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.types.RowType;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.util.CloseableIterator;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The union-read oracle: Fluss's own union read (lake snapshot + Fluss log tail, merged by key for
 * primary-key tables), i.e. the Flink connector's BATCH read of {@code SELECT * FROM db.t}
 * through Flink SQL in a local MiniCluster.
 *
 * <p>{@code union-read.sh --bootstrap H:P (--table db.t [--out FILE] | --tables a,b --out-dir DIR)
 * [--parallelism N]}. One Flink job per table, all in this JVM. Output (JSON lines, the canonical
 * value encoding of {@code datatool.sh dump-rows}, i.e. {@link Values}): primary-key tables
 * {@code {"key":"[..]","row":{..}}} sorted by key (as {@code dump-state}, without bucket and
 * partition, which a SQL row does not carry); log tables {@code {"row":{..}}} sorted by line
 * text. {@code --out-dir} writes {@code DIR/union.<db.t>.jsonl}; a table whose read fails gets
 * {@code DIR/union.<db.t>.error} (the exception chain) instead, and the exit status is 1.
 */
public final class UnionRead {
    private UnionRead() {}

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int k = 0; k + 1 < argv.length; k += 2) {
            if (!argv[k].startsWith("--")) {
                usage();
            }
            a.put(argv[k].substring(2), argv[k + 1]);
        }
        if (argv.length % 2 != 0 || !a.containsKey("bootstrap")
                || (a.containsKey("table") == a.containsKey("tables"))) {
            usage();
        }
        int rc;
        try {
            rc = run(a);
        } catch (Throwable t) {
            t.printStackTrace();
            rc = 1;
        }
        System.out.flush();
        System.exit(rc); // Fluss client / Flink threads are not all daemons
    }

    private static void usage() {
        System.err.println("usage: union-read.sh --bootstrap H:P (--table db.t [--out FILE]"
                + " | --tables db.a,db.b --out-dir DIR) [--parallelism N]");
        System.exit(2);
    }

    private static int run(Map<String, String> a) throws Exception {
        String bootstrap = a.get("bootstrap");
        List<String> tables = new ArrayList<>();
        for (String t : a.getOrDefault("tables", a.get("table")).split(",")) {
            if (!t.isBlank()) {
                tables.add(t.trim());
            }
        }
        Path outDir = a.containsKey("out-dir") ? Path.of(a.get("out-dir")) : null;
        if (outDir != null) {
            Files.createDirectories(outDir);
        }

        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(CoreOptions.DEFAULT_PARALLELISM,
                Integer.parseInt(a.getOrDefault("parallelism", "1")));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(env, EnvironmentSettings.inBatchMode());
        // Lake options (warehouse, metastore) come from each table's properties, which the
        // coordinator fills in from its datalake.* config: the catalog only needs the cluster.
        tEnv.executeSql("CREATE CATALOG fluss WITH ('type' = 'fluss', 'bootstrap.servers' = '"
                + bootstrap + "')");

        int rc = 0;
        org.apache.fluss.config.Configuration fc = new org.apache.fluss.config.Configuration();
        fc.setString("bootstrap.servers", bootstrap);
        fc.setString("client.metrics.enabled", "false");
        try (Connection c = ConnectionFactory.createConnection(fc)) {
            for (String name : tables) {
                String[] dt = name.split("\\.", 2);
                TableInfo info = c.getAdmin().getTableInfo(TablePath.of(dt[0], dt[1])).get();
                long t0 = System.currentTimeMillis();
                try {
                    List<String> lines = read(tEnv, info);
                    write(outDir == null ? a.get("out")
                            : outDir.resolve("union." + name + ".jsonl").toString(), lines);
                    System.err.printf("union-read: %s: %d rows in %d ms%n", name, lines.size(),
                            System.currentTimeMillis() - t0);
                } catch (Exception e) {
                    rc = 1;
                    StringBuilder chain = new StringBuilder();
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        chain.append(t.getClass().getName()).append(": ")
                                .append(t.getMessage()).append('\n');
                    }
                    System.err.printf("union-read: %s FAILED:%n%s", name, chain);
                    if (outDir != null) {
                        Files.writeString(outDir.resolve("union." + name + ".error"),
                                chain.toString(), StandardCharsets.UTF_8);
                    } else {
                        throw e;
                    }
                }
            }
        }
        return rc;
    }

    /** The table's rows as canonical JSON lines, sorted (by key for primary-key tables). */
    private static List<String> read(StreamTableEnvironment tEnv, TableInfo info)
            throws Exception {
        TablePath p = info.getTablePath();
        Table t = tEnv.sqlQuery("SELECT * FROM fluss.`" + p.getDatabaseName() + "`.`"
                + p.getTableName() + "`");
        DataType internal = t.getResolvedSchema().toPhysicalRowDataType().bridgedTo(RowData.class);
        DataStream<RowData> rows = tEnv.toDataStream(t, internal);
        RowType rowType = info.getRowType();
        List<String> pk = info.getPrimaryKeys();
        Map<String, String> byKey = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        try (CloseableIterator<RowData> it = rows.executeAndCollect("union-read " + p)) {
            FlinkAsFlussRow view = new FlinkAsFlussRow();
            while (it.hasNext()) {
                Map<String, Object> row = Values.row(view.replace(it.next()), rowType);
                Map<String, Object> line = new LinkedHashMap<>();
                if (pk.isEmpty()) {
                    line.put("row", row);
                    lines.add(Json.compact(line));
                    continue;
                }
                List<Object> key = new ArrayList<>();
                for (String k : pk) {
                    key.add(row.get(k));
                }
                String ks = Json.compact(key);
                line.put("key", ks);
                line.put("row", row);
                if (byKey.put(ks, Json.compact(line)) != null) {
                    throw new IllegalStateException(p + ": union read returned key " + ks
                            + " twice");
                }
            }
        }
        if (!pk.isEmpty()) {
            return new ArrayList<>(byKey.values());
        }
        Collections.sort(lines);
        return lines;
    }

    private static void write(String file, List<String> lines) throws Exception {
        PrintStream out = file == null ? new PrintStream(System.out, false, StandardCharsets.UTF_8)
                : new PrintStream(Files.newOutputStream(Path.of(file)), false,
                        StandardCharsets.UTF_8);
        for (String l : lines) {
            out.println(l);
        }
        out.flush();
        if (file != null) {
            out.close();
        }
    }
}
