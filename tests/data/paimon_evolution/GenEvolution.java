// Generates the schema-evolution fixtures for tests/unit/paimon_evolution_test.cc
// with Paimon Java 1.3.1 (the version Fluss 0.9.1 tiers into), and records
// what Paimon's own reader returns for them.
//
//   java -cp "$(cat testing/target/classpath.txt)" \
//       tests/data/paimon_evolution/GenEvolution.java OUTDIR
//
// writes OUTDIR/warehouse (filesystem catalog, database "db") and
// OUTDIR/expected/<table>[.snapshot-<id>].jsonl: one JSON object per row of
// Paimon's batch read, sorted by id. regenerate.sh runs this and copies the
// result into tests/data/paimon_evolution/.
//
// Tables (parquet, data files kept: a few KB each):
//   evo_append  append table, bucket -1.
//               schema 0: id INT, a STRING, b BIGINT; two commits.
//               then: add c DOUBLE, rename a -> a2, drop b (schema 3:
//               id, a2, c); one more commit with c values.
//   evo_pk      primary key id, bucket 1.
//               schema 0: id INT, a STRING, b BIGINT, v INT; two commits
//               (inserts, then an update and a delete).
//               then: add c DOUBLE, rename a -> a2, drop b, add b STRING
//               again (a NEW field id under the old name: the old BIGINT b
//               values must not come back), latest schema id, a2, v, c, b;
//               one commit updating old keys, deleting an old key,
//               re-inserting a key deleted under the old schema and
//               inserting new keys.
// Snapshots: 1 and 2 are of schema 0 for both tables, 3 is the first of the
// latest schema. Expected files are written for the latest snapshot and for
// snapshot 2 (read with the snapshot's own schema, via scan.snapshot-id).
import java.io.File;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.CatalogContext;
import org.apache.paimon.catalog.CatalogFactory;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.data.BinaryString;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.disk.IOManager;
import org.apache.paimon.fs.Path;
import org.apache.paimon.reader.RecordReader;
import org.apache.paimon.schema.Schema;
import org.apache.paimon.schema.SchemaChange;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.sink.BatchTableCommit;
import org.apache.paimon.table.sink.BatchTableWrite;
import org.apache.paimon.table.sink.BatchWriteBuilder;
import org.apache.paimon.table.source.ReadBuilder;
import org.apache.paimon.table.source.Split;
import org.apache.paimon.types.DataField;
import org.apache.paimon.types.DataTypes;
import org.apache.paimon.types.RowKind;

public class GenEvolution {

  public static void main(String[] args) throws Exception {
    File out = new File(args[0]).getAbsoluteFile();
    File warehouse = new File(out, "warehouse");
    File expected = new File(out, "expected");
    expected.mkdirs();
    Catalog catalog = CatalogFactory.createCatalog(CatalogContext.create(new Path(warehouse.getPath())));
    catalog.createDatabase("db", true);
    appendTable(catalog, expected);
    pkTable(catalog, expected);
  }

  static void appendTable(Catalog catalog, File expected) throws Exception {
    Identifier id = Identifier.create("db", "evo_append");
    catalog.createTable(id, Schema.newBuilder()
        .column("id", DataTypes.INT())
        .column("a", DataTypes.STRING())
        .column("b", DataTypes.BIGINT())
        .option("bucket", "-1")
        .build(), false);
    FileStoreTable t = table(catalog, id);
    commit(t, List.of(
        GenericRow.of(1, s("one"), 100L),
        GenericRow.of(2, s("two"), 200L),
        GenericRow.of(3, null, 300L),
        GenericRow.of(4, s("four"), null)));
    commit(t, List.of(
        GenericRow.of(5, s("five"), 500L),
        GenericRow.of(6, s("six"), 600L)));
    long before = t.snapshotManager().latestSnapshotId();

    catalog.alterTable(id, List.of(SchemaChange.addColumn("c", DataTypes.DOUBLE())), false);
    catalog.alterTable(id, List.of(SchemaChange.renameColumn("a", "a2")), false);
    catalog.alterTable(id, List.of(SchemaChange.dropColumn("b")), false);
    t = table(catalog, id);
    // Latest schema: id, a2, c.
    commit(t, List.of(
        GenericRow.of(7, s("seven"), 7.5),
        GenericRow.of(8, null, -0.25),
        GenericRow.of(9, s("nine"), null),
        GenericRow.of(10, s("ten"), 1e10)));

    writeExpected(t, null, new File(expected, "evo_append.jsonl"));
    writeExpected(t, before, new File(expected, "evo_append.snapshot-" + before + ".jsonl"));
  }

  static void pkTable(Catalog catalog, File expected) throws Exception {
    Identifier id = Identifier.create("db", "evo_pk");
    catalog.createTable(id, Schema.newBuilder()
        .column("id", DataTypes.INT().notNull())
        .column("a", DataTypes.STRING())
        .column("b", DataTypes.BIGINT())
        .column("v", DataTypes.INT())
        .primaryKey("id")
        .option("bucket", "1")
        .build(), false);
    FileStoreTable t = table(catalog, id);
    List<GenericRow> rows = new ArrayList<>();
    for (int i = 1; i <= 8; i++) rows.add(GenericRow.of(i, s("a" + i), i * 100L, i));
    commit(t, rows);
    commit(t, List.of(
        GenericRow.ofKind(RowKind.UPDATE_AFTER, 2, s("a2-old-update"), 2222L, 20),
        GenericRow.ofKind(RowKind.DELETE, 5, s("a5"), 500L, 5)));
    long before = t.snapshotManager().latestSnapshotId();

    catalog.alterTable(id, List.of(SchemaChange.addColumn("c", DataTypes.DOUBLE())), false);
    catalog.alterTable(id, List.of(SchemaChange.renameColumn("a", "a2")), false);
    catalog.alterTable(id, List.of(SchemaChange.dropColumn("b")), false);
    catalog.alterTable(id, List.of(SchemaChange.addColumn("b", DataTypes.STRING())), false);
    t = table(catalog, id);
    // Latest schema: id, a2, v, c, b (b is a new field).
    commit(t, List.of(
        GenericRow.ofKind(RowKind.UPDATE_AFTER, 3, s("a3-new"), 33, 3.5, s("b3")),
        GenericRow.ofKind(RowKind.UPDATE_AFTER, 2, s("a2-new"), 22, null, null),
        GenericRow.ofKind(RowKind.DELETE, 4, s("a4"), 4, null, null),
        GenericRow.of(5, s("a5-back"), 55, 5.25, s("b5")),
        GenericRow.of(9, s("a9"), 9, -9.0, s("b9")),
        GenericRow.of(10, null, null, null, null)));

    writeExpected(t, null, new File(expected, "evo_pk.jsonl"));
    writeExpected(t, before, new File(expected, "evo_pk.snapshot-" + before + ".jsonl"));
  }

  static FileStoreTable table(Catalog catalog, Identifier id) throws Exception {
    return (FileStoreTable) catalog.getTable(id);
  }

  static BinaryString s(String v) {
    return BinaryString.fromString(v);
  }

  static void commit(FileStoreTable t, List<GenericRow> rows) throws Exception {
    BatchWriteBuilder b = t.newBatchWriteBuilder();
    try (BatchTableWrite w = b.newWrite(); BatchTableCommit c = b.newCommit()) {
      w.withIOManager(IOManager.create(System.getProperty("java.io.tmpdir")));
      for (GenericRow r : rows) w.write(r);
      c.commit(w.prepareCommit());
    }
  }

  // ---- what Paimon's own reader returns ----

  // `snapshot` null reads the latest snapshot; otherwise that snapshot with
  // its own schema (time travel).
  static void writeExpected(FileStoreTable t, Long snapshot, File file) throws Exception {
    FileStoreTable read = snapshot == null ? t : t.copy(Map.of("scan.snapshot-id", String.valueOf(snapshot)));
    List<DataField> fields = read.rowType().getFields();
    ReadBuilder rb = read.newReadBuilder();
    List<Split> splits = rb.newScan().plan().splits();
    List<Object[]> rows = new ArrayList<>();
    try (RecordReader<InternalRow> reader = rb.newRead().createReader(splits)) {
      reader.forEachRemaining(r -> {
        if (r.getRowKind() != RowKind.INSERT && r.getRowKind() != RowKind.UPDATE_AFTER) {
          throw new IllegalStateException("unexpected row kind " + r.getRowKind());
        }
        Object[] o = new Object[fields.size()];
        for (int i = 0; i < fields.size(); i++) o[i] = value(r, i, fields.get(i));
        rows.add(o);
      });
    }
    rows.sort(Comparator.comparingInt(o -> (Integer) o[0]));
    try (PrintWriter w = new PrintWriter(file, "UTF-8")) {
      for (Object[] o : rows) {
        StringBuilder j = new StringBuilder("{");
        for (int i = 0; i < fields.size(); i++) {
          if (i > 0) j.append(", ");
          j.append(q(fields.get(i).name())).append(": ").append(json(o[i]));
        }
        w.print(j.append("}\n"));
      }
    }
  }

  static Object value(InternalRow r, int i, DataField f) {
    if (r.isNullAt(i)) return null;
    switch (f.type().getTypeRoot()) {
      case INTEGER: return r.getInt(i);
      case BIGINT: return r.getLong(i);
      case DOUBLE: return r.getDouble(i);
      case VARCHAR: return r.getString(i).toString();
      default: throw new IllegalArgumentException("type " + f.type() + " of " + f.name());
    }
  }

  static String json(Object v) {
    if (v == null) return "null";
    if (v instanceof String) return q((String) v);
    if (v instanceof Double) {
      double d = (Double) v;
      if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.valueOf((long) d) + ".0";
      return String.valueOf(d);
    }
    return String.valueOf(v);
  }

  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') b.append('\\').append(ch);
      else if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
      else b.append(ch);
    }
    return b.append('"').toString();
  }
}
