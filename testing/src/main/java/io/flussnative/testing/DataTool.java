package io.flussnative.testing;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.ConnectionFactory;
import org.apache.fluss.config.Configuration;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Entry point: {@code datatool <subcommand> --bootstrap H:P [options]}. */
public final class DataTool {
    private DataTool() {}

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            usage();
        }
        Map<String, String> a = new HashMap<>();
        for (int k = 1; k < argv.length; k++) {
            if (!argv[k].startsWith("--") || k + 1 >= argv.length) {
                usage();
            }
            a.put(argv[k].substring(2), argv[++k]);
        }
        int rc;
        switch (argv[0]) {
            case "wait-ready": rc = WaitReady.run(a); break;
            case "create": rc = CreateCmd.run(a); break;
            case "write": rc = WriteCmd.run(a); break;
            case "dump-meta": rc = DumpMeta.run(a); break;
            case "dump-rows": rc = DumpRows.run(a, false); break;
            case "dump-state": rc = DumpRows.run(a, true); break;
            case "wait-lake": rc = WaitLake.run(a); break;
            case "lake-rounds": rc = LakeRounds.run(a); break;
            case "union-tail": rc = UnionTail.run(a); break;
            case "drop-database": rc = dropDatabase(a); break;
            case "dump-lake": rc = DumpLake.rows(a); break;
            case "dump-lake-meta": rc = DumpLake.meta(a); break;
            case "bench-meta": rc = BenchMeta.run(a); break;
            case "bench-write": rc = BenchLog.write(a); break;
            case "bench-scan": rc = BenchLog.scan(a); break;
            case "encode-key": rc = EncodeKeyCmd.run(a); break;
            case "lookup": rc = LookupCmd.run(a); break;
            case "bench-lookup": rc = LookupCmd.bench(a); break;
            default: usage(); return;
        }
        System.out.flush();
        // Fluss client threads are not all daemons; exit explicitly.
        System.exit(rc);
    }

    private static void usage() {
        System.err.println("usage: datatool <wait-ready|create|write|dump-meta|dump-rows|dump-state|"
                + "wait-lake|lake-rounds|union-tail|drop-database|dump-lake|dump-lake-meta|bench-meta|bench-write|bench-scan|encode-key|lookup|bench-lookup> --bootstrap HOST:PORT [--spec F] [--table db.tbl] [--out F] ...");
        System.exit(2);
    }

    /** {@code drop-database --database NAME}: drops it with all its tables (if it exists). */
    private static int dropDatabase(Map<String, String> a) throws Exception {
        try (Connection c = connect(a)) {
            c.getAdmin().dropDatabase(req(a, "database"), true, true).get();
        }
        return 0;
    }

    static String req(Map<String, String> a, String key) {
        String v = a.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return v;
    }

    static Connection connect(Map<String, String> a) {
        Configuration conf = new Configuration();
        conf.setString("bootstrap.servers", req(a, "bootstrap"));
        conf.setString("client.metrics.enabled", "false");
        if (a.containsKey("lookup-batch-timeout-ms")) {  // bench-lookup: Lookuper batching (default 100 ms)
            conf.setString("client.lookup.batch-timeout", a.get("lookup-batch-timeout-ms") + "ms");
        }
        // Batches of at most 256 KiB (default 2 MiB), whatever the machine's load: how many rows a
        // batch takes otherwise depends on how fast the writer runs, and the fixture needs tables
        // such as fn_types.log_big to span several 1 MiB segments (so some go to remote storage).
        conf.setString("client.writer.batch-size", "256kb");
        // spread rows of tables without bucket key over all buckets (default is STICKY)
        conf.setString("client.writer.bucket.no-key-assigner", "ROUND_ROBIN");
        return ConnectionFactory.createConnection(conf);
    }

    /**
     * Retries an Admin call that can fail transiently while bucket leaders are still being
     * elected/propagated (e.g. "Leader not found" right after creating many tables).
     */
    static <T> T retry(java.util.function.Supplier<java.util.concurrent.CompletableFuture<T>> call)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                // bounded wait: requests to a dead leader may never complete
                return call.get().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                if (attempt >= 30) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readSpec(Map<String, String> a) throws IOException {
        String text = Files.readString(Path.of(req(a, "spec")), StandardCharsets.UTF_8);
        return (Map<String, Object>) Json.parse(text);
    }

    /** Output to --out FILE if given, else stdout (UTF-8). */
    static PrintStream out(Map<String, String> a) throws IOException {
        String f = a.get("out");
        if (f == null) {
            return new PrintStream(System.out, false, StandardCharsets.UTF_8);
        }
        return new PrintStream(Files.newOutputStream(Path.of(f)), false, StandardCharsets.UTF_8);
    }
}
