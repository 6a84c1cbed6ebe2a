// Writes the lake file for bench/parquet/run.py with Paimon's own Java writer
// (Paimon 1.3.1, the version Fluss 0.9.1 tiers with), so the benchmark decodes
// exactly what a tiered Fluss log table holds on the lake.
//
//   testing/build.sh   # once: builds testing/target/classpath.txt
//   java -cp "$(cat testing/target/classpath.txt)" \
//       bench/parquet/GenPaimonLakeFile.java OUT_WAREHOUSE [ROWS=2000000]
//
// Creates a filesystem-catalog append table bench.lake (bucket -1) with the
// same mixed columns as run.py's synthetic generator, followed by the system
// columns Fluss's tiering appends (__bucket INT, __offset BIGINT,
// __timestamp TIMESTAMP_LTZ(3)). File format options are Paimon's defaults
// (parquet, zstd level 1, parquet-mr's 128 MB row groups, 1 MB pages,
// dictionaries on); only target-file-size is raised so that every row lands in
// one data file. The write is single-threaded (async-file-write=false,
// write-only=true so no compaction runs) and committed once. Prints the data
// file's absolute path as the last line of stdout.
//
// Values are deterministic (seeded), but not the same numbers as run.py's
// numpy generator; run.py compares the decoders with each other, not with
// this program.
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.CatalogContext;
import org.apache.paimon.catalog.CatalogFactory;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.data.BinaryString;
import org.apache.paimon.data.Decimal;
import org.apache.paimon.data.GenericArray;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.data.Timestamp;
import org.apache.paimon.disk.IOManager;
import org.apache.paimon.fs.Path;
import org.apache.paimon.schema.Schema;
import org.apache.paimon.table.Table;
import org.apache.paimon.table.sink.BatchTableCommit;
import org.apache.paimon.table.sink.BatchTableWrite;
import org.apache.paimon.table.sink.BatchWriteBuilder;
import org.apache.paimon.types.DataTypes;

public class GenPaimonLakeFile {

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: GenPaimonLakeFile OUT_WAREHOUSE [ROWS]");
      System.exit(2);
    }
    String warehouse = new File(args[0]).getAbsolutePath();
    long rows = args.length > 1 ? Long.parseLong(args[1]) : 2_000_000L;
    if (new File(warehouse).exists()) {
      System.err.println(warehouse + " exists; remove it first");
      System.exit(2);
    }

    Catalog catalog = CatalogFactory.createCatalog(CatalogContext.create(new Path(warehouse)));
    catalog.createDatabase("bench", true);
    Identifier id = Identifier.create("bench", "lake");
    Schema schema = Schema.newBuilder()
        .column("id", DataTypes.BIGINT())
        .column("ts", DataTypes.TIMESTAMP(6))
        .column("user_id", DataTypes.INT())
        .column("price", DataTypes.DECIMAL(18, 4))
        .column("amount", DataTypes.DOUBLE())
        .column("category", DataTypes.STRING())
        .column("name", DataTypes.STRING())
        .column("flag", DataTypes.BOOLEAN())
        .column("qty", DataTypes.INT())
        .column("tags", DataTypes.ARRAY(DataTypes.STRING()))
        // Fluss's tiering appends these to every lake table.
        .column("__bucket", DataTypes.INT())
        .column("__offset", DataTypes.BIGINT())
        .column("__timestamp", DataTypes.TIMESTAMP_WITH_LOCAL_TIME_ZONE(3))
        .option("bucket", "-1")
        .option("target-file-size", "64 gb")
        .option("async-file-write", "false")
        .option("write-only", "true")
        .build();
    catalog.createTable(id, schema, false);
    Table table = catalog.getTable(id);

    String[] cats = {"books", "games", "garden", "music", "outdoor", "toys", "food", "tools"};
    BinaryString[] catStrings = new BinaryString[cats.length];
    for (int i = 0; i < cats.length; i++) catStrings[i] = BinaryString.fromString(cats[i]);
    // Same shape as run.py: [t(i%7), u(i%3)], NULL for every fifth row.
    GenericArray[] tagArrays = new GenericArray[21];
    for (int i = 0; i < 21; i++) {
      tagArrays[i] = new GenericArray(new Object[] {
          BinaryString.fromString("t" + (i % 7)), BinaryString.fromString("u" + (i % 3))});
    }

    SplittableRandom rng = new SplittableRandom(42);
    long tsMicros0 = 1_700_000_000_000_000L;
    long logMillis0 = 1_700_000_000_000L;
    char[] name = "user-00000000".toCharArray();
    long start = System.nanoTime();
    BatchWriteBuilder builder = table.newBatchWriteBuilder();
    try (BatchTableWrite write = builder.newWrite(); BatchTableCommit commit = builder.newCommit()) {
      write.withIOManager(IOManager.create(System.getProperty("java.io.tmpdir")));
      for (long i = 0; i < rows; i++) {
        boolean isNull = rng.nextDouble() < 0.1;
        long ts = tsMicros0 + i * 1000;
        int n = rng.nextInt(100_000_000);
        for (int k = 12; k >= 5; k--, n /= 10) name[k] = (char) ('0' + n % 10);
        GenericRow row = GenericRow.of(
            i,
            Timestamp.fromEpochMillis(Math.floorDiv(ts, 1000), (int) Math.floorMod(ts, 1000) * 1000),
            rng.nextInt(100_000),
            Decimal.fromUnscaledLong(rng.nextLong(1_000_000_000L), 18, 4),
            isNull ? null : rng.nextDouble() * 1000,
            catStrings[rng.nextInt(cats.length)],
            BinaryString.fromString(new String(name)),
            rng.nextDouble() < 0.3,
            isNull ? (Object) rng.nextInt(1000) : null,  // like run.py: mostly NULL
            i % 5 == 0 ? null : tagArrays[(int) (i % 21)],
            0,
            i,
            Timestamp.fromEpochMillis(logMillis0 + i / 4));
        write.write(row);
      }
      commit.commit(write.prepareCommit());
    }
    System.err.printf("wrote %d rows in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);

    List<String> files;
    try (Stream<java.nio.file.Path> s = Files.walk(Paths.get(warehouse))) {
      files = s.filter(p -> p.getFileName().toString().startsWith("data-")
                          && p.getFileName().toString().endsWith(".parquet"))
               .map(p -> p.toAbsolutePath().toString())
               .sorted()
               .collect(Collectors.toList());
    }
    if (files.size() != 1) {
      System.err.println("expected one data file, got " + files.size() + ": " + files);
      System.exit(1);
    }
    System.out.println(files.get(0));
  }
}
