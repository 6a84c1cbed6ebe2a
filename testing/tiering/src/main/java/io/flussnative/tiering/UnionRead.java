package io.flussnative.tiering;

import io.flussnative.testing.Json;
import io.flussnative.testing.Values;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.ConnectionFactory;
import org.apache.fluss.flink.row.FlinkAsFlussRow;
import org.apache.fluss.metadata.TableInfo;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.types.DataTypeRoot;
import org.apache.fluss.types.RowType;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.TaskManagerOptions;
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
 * {@code --count true} only drains the rows and writes their number (one line): the benchmark's
 * mode, where building and sorting tens of millions of JSON lines would be charged to Flink.
 */
public final class UnionRead {
    private UnionRead() {}

    /** {@code --count true}: drain and count, no canonical lines (see the class comment). */
    private static boolean countOnly;

    /** How FlinkSourceEnumerator reports a table whose splits it could not list. */
    private static final java.util.regex.Pattern SPLIT_FAILURE =
            java.util.regex.Pattern.compile("Failed to list splits for (\\S+) to read");

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
                + " | --tables db.a,db.b --out-dir DIR) [--parallelism N] [--count true]");
        System.exit(2);
    }

    @SuppressWarnings("unchecked")
    private static int run(Map<String, String> a) throws Exception {
        String bootstrap = a.get("bootstrap");
        List<String> tables = new ArrayList<>();
        for (String t : a.getOrDefault("tables", a.get("table")).split(",")) {
            if (!t.isBlank()) {
                tables.add(t.trim());
            }
        }
        countOnly = "true".equals(a.get("count"));
        Path outDir = a.containsKey("out-dir") ? Path.of(a.get("out-dir")) : null;
        if (outDir != null) {
            Files.createDirectories(outDir);
        }

        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(CoreOptions.DEFAULT_PARALLELISM,
                Integer.parseInt(a.getOrDefault("parallelism", "1")));
        // enough slots for the one-job read of every table at once
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(1, tables.size())
                * Integer.parseInt(a.getOrDefault("parallelism", "1")));
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
        List<TableInfo> infos = new ArrayList<>();
        // Only a scheduling hint: tables whose read is likely to fail the whole job (no
        // readable lake snapshot: the connector refuses a batch read; a non-STRING partition
        // key: its Paimon split planning assumes STRING) get their own jobs, so they do not
        // take the shared job down. Their results still come from the connector alone.
        List<TableInfo> alone = new ArrayList<>();
        try (Connection c = ConnectionFactory.createConnection(fc)) {
            for (String name : tables) {
                String[] dt = name.split("\\.", 2);
                TableInfo info = c.getAdmin().getTableInfo(TablePath.of(dt[0], dt[1])).get();
                boolean readable;
                try {
                    c.getAdmin().getReadableLakeSnapshot(info.getTablePath()).get();
                    readable = true;
                } catch (Exception e) {
                    readable = false;
                }
                boolean stringPartitions = true;
                for (String k : info.getPartitionKeys()) {
                    stringPartitions &= info.getRowType().getTypeAt(info.getRowType()
                            .getFieldIndex(k)).getTypeRoot() == DataTypeRoot.STRING;
                }
                (readable && stringPartitions ? infos : alone).add(info);
            }
        }
        // Tables are read in ONE Flink job (one planning and start-up; the reads run side by
        // side). A table whose read fails fails the whole job, so a failed job is split in
        // halves and retried, down to single tables, which then get their own error.
        Map<String, Object> results = new HashMap<>();
        boolean oneJob = !"false".equals(a.get("one-job"));
        long t0 = System.currentTimeMillis();
        readGroup(env, tEnv, infos, oneJob, results);
        readGroup(env, tEnv, alone, false, results);
        for (String name : tables) {
            Object r = results.get(name);
            if (r instanceof Long) {
                write(outDir == null ? a.get("out")
                        : outDir.resolve("union." + name + ".count").toString(),
                        List.of(r.toString()));
                System.err.printf("union-read: %s: %d rows%n", name, (Long) r);
                continue;
            }
            if (r instanceof List) {
                List<String> lines = (List<String>) r;
                write(outDir == null ? a.get("out")
                        : outDir.resolve("union." + name + ".jsonl").toString(), lines);
                System.err.printf("union-read: %s: %d rows%n", name, lines.size());
                continue;
            }
            rc = 1;
            StringBuilder chain = new StringBuilder();
            for (Throwable t = (Throwable) r; t != null; t = t.getCause()) {
                chain.append(t.getClass().getName()).append(": ").append(t.getMessage())
                        .append('\n');
            }
            System.err.printf("union-read: %s FAILED:%n%s", name, chain);
            if (outDir == null) {
                throw (Exception) r;
            }
            Files.writeString(outDir.resolve("union." + name + ".error"), chain.toString(),
                    StandardCharsets.UTF_8);
        }
        System.err.printf("union-read: %d tables in %d ms%n", tables.size(),
                System.currentTimeMillis() - t0);
        return rc;
    }

    /** {@code SELECT * FROM fluss.db.t} as a stream of Flink internal rows. */
    private static DataStream<RowData> query(StreamTableEnvironment tEnv, TablePath p) {
        Table t = tEnv.sqlQuery("SELECT * FROM fluss.`" + p.getDatabaseName() + "`.`"
                + p.getTableName() + "`");
        DataType internal = t.getResolvedSchema().toPhysicalRowDataType().bridgedTo(RowData.class);
        return tEnv.toDataStream(t, internal);
    }

    /**
     * Reads {@code infos} in one job (or, with {@code oneJob} false, one job per table) into
     * {@code results}: table name to its lines, or to the exception its read failed with.
     */
    private static void readGroup(StreamExecutionEnvironment env, StreamTableEnvironment tEnv,
                                  List<TableInfo> infos, boolean oneJob,
                                  Map<String, Object> results) {
        if (infos.isEmpty()) {
            return;
        }
        if (infos.size() == 1 || !oneJob) {
            for (TableInfo info : infos) {
                try {
                    results.put(info.getTablePath().toString(), read(tEnv, info));
                } catch (Exception e) {
                    results.put(info.getTablePath().toString(), e);
                }
            }
            return;
        }
        long t0 = System.currentTimeMillis();
        List<CloseableIterator<RowData>> its = new ArrayList<>();
        try {
            for (TableInfo info : infos) {
                its.add(query(tEnv, info.getTablePath()).collectAsync());
            }
            env.executeAsync("union-read of " + infos.size() + " tables");
            Map<String, Object> got = new HashMap<>();
            for (int n = 0; n < infos.size(); n++) {
                got.put(infos.get(n).getTablePath().toString(), lines(infos.get(n), its.get(n)));
            }
            results.putAll(got);
            System.err.printf("union-read: one job for %d tables took %d ms%n", infos.size(),
                    System.currentTimeMillis() - t0);
        } catch (Exception e) {
            // The connector's split enumerator names the table it failed for: then that table
            // gets the error and the others are retried without it; otherwise bisect.
            TableInfo culprit = null;
            for (Throwable t = e; t != null && culprit == null; t = t.getCause()) {
                java.util.regex.Matcher m = SPLIT_FAILURE.matcher(String.valueOf(t.getMessage()));
                for (TableInfo info : infos) {
                    if (m.find(0) && m.group(1).equals(info.getTablePath().toString())) {
                        culprit = info;
                    }
                }
            }
            if (culprit != null) {
                System.err.printf("union-read: the job for %d tables failed after %d ms (%s"
                        + " failed); retrying without it%n", infos.size(),
                        System.currentTimeMillis() - t0, culprit.getTablePath());
                results.put(culprit.getTablePath().toString(), e);
                List<TableInfo> rest = new ArrayList<>(infos);
                rest.remove(culprit);
                if (!rest.isEmpty()) {
                    readGroup(env, tEnv, rest, true, results);
                }
                return;
            }
            System.err.printf("union-read: the job for %d tables failed after %d ms (%s):"
                    + " splitting it%n", infos.size(), System.currentTimeMillis() - t0, e);
            int half = infos.size() / 2;
            readGroup(env, tEnv, infos.subList(0, half), true, results);
            readGroup(env, tEnv, infos.subList(half, infos.size()), true, results);
        } finally {
            for (CloseableIterator<RowData> it : its) {
                try {
                    it.close();
                } catch (Exception ignored) {
                    // the job already failed or finished
                }
            }
        }
    }

    /** The table's rows as canonical JSON lines, sorted (by key for primary-key tables). */
    private static Object read(StreamTableEnvironment tEnv, TableInfo info) throws Exception {
        TablePath p = info.getTablePath();
        try (CloseableIterator<RowData> it = query(tEnv, p).executeAndCollect("union-read " + p)) {
            return lines(info, it);
        }
    }

    /**
     * Drains {@code it} into canonical lines. A primary key returned twice does not throw (the
     * job is fine, the data is not): the result is then an {@link IllegalStateException}.
     */
    private static Object lines(TableInfo info, CloseableIterator<RowData> it) {
        if (countOnly) {
            long n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return n;
        }
        TablePath p = info.getTablePath();
        RowType rowType = info.getRowType();
        List<String> pk = info.getPrimaryKeys();
        Map<String, String> byKey = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        IllegalStateException duplicate = null;
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
            if (byKey.put(ks, Json.compact(line)) != null && duplicate == null) {
                duplicate = new IllegalStateException(p + ": union read returned key " + ks
                        + " twice");
            }
        }
        if (duplicate != null) {
            return duplicate;
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
