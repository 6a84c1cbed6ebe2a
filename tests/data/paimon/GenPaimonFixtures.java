// Generates the Paimon fixtures for tests/unit/paimon_*_test.cc with Paimon
// Java 1.3.1 (the version Fluss 0.9.1 tiers into), and records what Paimon's
// own readers see in expected.json.
//
//   java -cp "$(cat testing/target/classpath.txt)" \
//       tests/data/paimon/GenPaimonFixtures.java /tmp/paimon-wh
//   then copy the metadata (snapshot/ schema/ manifest/ index/) and
//   expected.json into tests/data/paimon/ (scripts in the test README below).
//
// Tables (filesystem catalog, database "db"):
//   append_t  append table partitioned by region STRING (one NULL region)
//   pk_part   PK table partitioned by (dt STRING, hr INT), 2 buckets, three
//             commits with updates and deletes; values of many types so the
//             manifest stats exercise every BinaryRow slot kind
//   pk_dv     PK table with deletion vectors (32-bit bitmaps)
//   pk_dv64   PK table with deletion vectors, deletion-vectors.bitmap64=true
import java.io.File;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.paimon.Snapshot;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.CatalogContext;
import org.apache.paimon.catalog.CatalogFactory;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.data.BinaryRow;
import org.apache.paimon.data.BinaryString;
import org.apache.paimon.data.Decimal;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.data.InternalArray;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.data.Timestamp;
import org.apache.paimon.deletionvectors.DeletionVector;
import org.apache.paimon.disk.IOManager;
import org.apache.paimon.fs.Path;
import org.apache.paimon.index.DeletionVectorMeta;
import org.apache.paimon.index.IndexFileMeta;
import org.apache.paimon.io.DataFileMeta;
import org.apache.paimon.manifest.IndexManifestEntry;
import org.apache.paimon.manifest.ManifestEntry;
import org.apache.paimon.manifest.ManifestFileMeta;
import org.apache.paimon.schema.Schema;
import org.apache.paimon.schema.TableSchema;
import org.apache.paimon.stats.SimpleStats;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.sink.BatchTableCommit;
import org.apache.paimon.table.sink.BatchTableWrite;
import org.apache.paimon.table.sink.BatchWriteBuilder;
import org.apache.paimon.types.DataField;
import org.apache.paimon.types.DataType;
import org.apache.paimon.types.DataTypes;
import org.apache.paimon.types.RowKind;
import org.apache.paimon.types.RowType;
import org.apache.paimon.utils.SerializationUtils;

public class GenPaimonFixtures {

  public static void main(String[] args) throws Exception {
    String warehouse = new File(args[0]).getAbsolutePath();
    Catalog catalog = CatalogFactory.createCatalog(CatalogContext.create(new Path(warehouse)));
    catalog.createDatabase("db", true);

    StringBuilder json = new StringBuilder("{\n\"tables\": {\n");
    json.append("\"append_t\": ").append(appendTable(catalog)).append(",\n");
    json.append("\"pk_part\": ").append(pkPartTable(catalog)).append(",\n");
    json.append("\"pk_dv\": ").append(dvTable(catalog, "pk_dv", false)).append(",\n");
    json.append("\"pk_dv64\": ").append(dvTable(catalog, "pk_dv64", true)).append("\n");
    json.append("}\n}\n");
    try (PrintWriter w = new PrintWriter(new File(warehouse, "expected.json"), "UTF-8")) {
      w.print(json);
    }
  }

  // ---- tables ----

  static String appendTable(Catalog catalog) throws Exception {
    Identifier id = Identifier.create("db", "append_t");
    Schema schema = Schema.newBuilder()
        .column("id", DataTypes.INT())
        .column("name", DataTypes.STRING())
        .column("region", DataTypes.STRING())
        .partitionKeys("region")
        .option("bucket", "-1")
        .build();
    catalog.createTable(id, schema, false);
    FileStoreTable t = (FileStoreTable) catalog.getTable(id);
    commit(t, List.of(
        GenericRow.of(1, s("a"), s("eu")),
        GenericRow.of(2, s("b"), s("us")),
        GenericRow.of(3, null, null)));
    commit(t, List.of(
        GenericRow.of(4, s("a longer name than seven"), s("eu"))));
    return describe(t);
  }

  static String pkPartTable(Catalog catalog) throws Exception {
    Identifier id = Identifier.create("db", "pk_part");
    Schema schema = Schema.newBuilder()
        .column("dt", DataTypes.STRING())
        .column("hr", DataTypes.INT())
        .column("id", DataTypes.BIGINT())
        .column("name", DataTypes.STRING())
        .column("amount", DataTypes.DECIMAL(20, 4))
        .column("price", DataTypes.DECIMAL(10, 2))
        .column("ts", DataTypes.TIMESTAMP(6))
        .column("ts3", DataTypes.TIMESTAMP(3))
        .column("flag", DataTypes.BOOLEAN())
        .column("s", DataTypes.SMALLINT())
        .column("t", DataTypes.TINYINT())
        .column("f", DataTypes.FLOAT())
        .column("d", DataTypes.DOUBLE())
        .column("day", DataTypes.DATE())
        .primaryKey("dt", "hr", "id")
        .partitionKeys("dt", "hr")
        .option("bucket", "2")
        .build();
    catalog.createTable(id, schema, false);
    FileStoreTable t = (FileStoreTable) catalog.getTable(id);
    List<GenericRow> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(pkRow(RowKind.INSERT, i % 2 == 0 ? "2024-01-01" : "2024-01-02", 10 + (i % 2), i,
          "name-" + i, i));
    }
    commit(t, rows);
    // Updates and a delete.
    commit(t, List.of(
        pkRow(RowKind.UPDATE_AFTER, "2024-01-01", 10, 0, "renamed", 100),
        pkRow(RowKind.DELETE, "2024-01-02", 11, 1, "name-1", 1)));
    commit(t, List.of(
        pkRow(RowKind.INSERT, "2024-01-01", 10, 7, "x", -7),
        pkRow(RowKind.INSERT, "2024-01-03", 0, 8, "a string longer than sixteen chars", 8)));
    return describe(t);
  }

  static GenericRow pkRow(RowKind kind, String dt, int hr, long id, String name, int n) {
    return GenericRow.ofKind(kind,
        s(dt), hr, id, s(name),
        Decimal.fromBigDecimal(new BigDecimal(n + "123456789012.3456"), 20, 4),
        Decimal.fromBigDecimal(new BigDecimal(n + ".25"), 10, 2),
        Timestamp.fromEpochMillis(1704067200000L + n * 1000L, Math.abs(n) * 1000 + 7),
        Timestamp.fromEpochMillis(1704067200000L - n * 1000L),
        n % 2 == 0,
        (short) (n * 3),
        (byte) (n - 2),
        n * 1.5f,
        n * -0.25,
        19723 + n);
  }

  static String dvTable(Catalog catalog, String name, boolean bitmap64) throws Exception {
    Identifier id = Identifier.create("db", name);
    Schema schema = Schema.newBuilder()
        .column("id", DataTypes.INT())
        .column("v", DataTypes.STRING())
        .primaryKey("id")
        .option("bucket", "1")
        .option("deletion-vectors.enabled", "true")
        .option("deletion-vectors.bitmap64", String.valueOf(bitmap64))
        .build();
    catalog.createTable(id, schema, false);
    FileStoreTable t = (FileStoreTable) catalog.getTable(id);
    List<GenericRow> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) rows.add(GenericRow.of(i, s("v" + i)));
    commitAndCompact(t, rows);
    commit(t, List.of(
        GenericRow.of(2, s("u2")),
        GenericRow.of(5, s("u5")),
        GenericRow.of(17, s("u17")),
        GenericRow.ofKind(RowKind.DELETE, 9, s("v9"))));
    return describe(t);
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

  static void commitAndCompact(FileStoreTable t, List<GenericRow> rows) throws Exception {
    BatchWriteBuilder b = t.newBatchWriteBuilder();
    try (BatchTableWrite w = b.newWrite(); BatchTableCommit c = b.newCommit()) {
      w.withIOManager(IOManager.create(System.getProperty("java.io.tmpdir")));
      for (GenericRow r : rows) w.write(r);
      w.compact(BinaryRow.EMPTY_ROW, 0, true);
      c.commit(w.prepareCommit());
    }
  }

  // ---- what Paimon's own readers see ----

  static String describe(FileStoreTable t) {
    TableSchema schema = t.schema();
    Snapshot snap = t.snapshotManager().latestSnapshot();
    RowType rowType = schema.logicalRowType();
    RowType partType = schema.logicalPartitionType();
    RowType keyType = schema.logicalTrimmedPrimaryKeysType();
    StringBuilder j = new StringBuilder("{\n");
    j.append("\"row_type\": ").append(fieldsJson(rowType)).append(",\n");
    j.append("\"partition_type\": ").append(fieldsJson(partType)).append(",\n");
    j.append("\"key_type\": ").append(fieldsJson(keyType)).append(",\n");
    j.append("\"snapshot\": {\"id\": ").append(snap.id())
        .append(", \"base_manifest_list\": ").append(q(snap.baseManifestList()))
        .append(", \"delta_manifest_list\": ").append(q(snap.deltaManifestList()))
        .append(", \"index_manifest\": ").append(q(snap.indexManifest())).append("},\n");

    // Manifest lists and the manifests they name.
    var listReader = t.store().manifestListFactory().create();
    var manifestReader = t.store().manifestFileFactory().create();
    List<String> lists = new ArrayList<>(List.of(snap.baseManifestList(), snap.deltaManifestList()));
    j.append("\"manifest_lists\": {");
    List<ManifestFileMeta> allMetas = new ArrayList<>();
    for (int li = 0; li < lists.size(); li++) {
      List<ManifestFileMeta> metas = listReader.read(lists.get(li));
      allMetas.addAll(metas);
      j.append(li == 0 ? "\n" : ",\n").append(q(lists.get(li))).append(": [");
      for (int i = 0; i < metas.size(); i++) {
        ManifestFileMeta m = metas.get(i);
        j.append(i == 0 ? "\n" : ",\n");
        j.append("{\"file_name\": ").append(q(m.fileName()))
            .append(", \"file_size\": ").append(m.fileSize())
            .append(", \"num_added_files\": ").append(m.numAddedFiles())
            .append(", \"num_deleted_files\": ").append(m.numDeletedFiles())
            .append(", \"schema_id\": ").append(m.schemaId())
            .append(", \"min_bucket\": ").append(m.minBucket())
            .append(", \"max_bucket\": ").append(m.maxBucket())
            .append(", \"min_level\": ").append(m.minLevel())
            .append(", \"max_level\": ").append(m.maxLevel())
            .append(", \"partition_stats\": ").append(statsJson(m.partitionStats(), partType))
            .append("}");
      }
      j.append("]");
    }
    j.append("},\n");

    j.append("\"manifests\": {");
    for (int mi = 0; mi < allMetas.size(); mi++) {
      String name = allMetas.get(mi).fileName();
      List<ManifestEntry> entries = manifestReader.read(name, null, null, null, r -> true, e -> true);
      j.append(mi == 0 ? "\n" : ",\n").append(q(name)).append(": [");
      for (int i = 0; i < entries.size(); i++) {
        ManifestEntry e = entries.get(i);
        DataFileMeta f = e.file();
        j.append(i == 0 ? "\n" : ",\n");
        j.append("{\"kind\": ").append(e.kind().toByteValue())
            .append(", \"partition_hex\": ").append(q(hex(SerializationUtils.serializeBinaryRow(e.partition()))))
            .append(", \"partition_values\": ").append(rowJson(e.partition(), partType))
            .append(", \"partition_path\": ").append(q(t.store().pathFactory().getPartitionString(e.partition())))
            .append(", \"bucket\": ").append(e.bucket())
            .append(", \"total_buckets\": ").append(e.totalBuckets())
            .append(", \"file\": {\"file_name\": ").append(q(f.fileName()))
            .append(", \"file_size\": ").append(f.fileSize())
            .append(", \"row_count\": ").append(f.rowCount())
            .append(", \"min_key_hex\": ").append(q(hex(SerializationUtils.serializeBinaryRow(f.minKey()))))
            .append(", \"max_key_hex\": ").append(q(hex(SerializationUtils.serializeBinaryRow(f.maxKey()))))
            .append(", \"min_key\": ").append(rowJson(f.minKey(), keyType))
            .append(", \"max_key\": ").append(rowJson(f.maxKey(), keyType))
            .append(", \"min_sequence_number\": ").append(f.minSequenceNumber())
            .append(", \"max_sequence_number\": ").append(f.maxSequenceNumber())
            .append(", \"schema_id\": ").append(f.schemaId())
            .append(", \"level\": ").append(f.level())
            .append(", \"extra_files\": ").append(strings(f.extraFiles()))
            .append(", \"creation_time_millis\": ")
            .append(f.creationTime() == null ? "null" : String.valueOf(f.creationTime().getMillisecond()))
            .append(", \"delete_row_count\": ").append(f.deleteRowCount().map(String::valueOf).orElse("null"))
            .append(", \"file_source\": ")
            .append(f.fileSource().map(x -> String.valueOf(x.toByteValue())).orElse("null"))
            .append(", \"value_stats_cols\": ").append(f.valueStatsCols() == null ? "null" : strings(f.valueStatsCols()))
            .append(", \"external_path\": ").append(f.externalPath().map(GenPaimonFixtures::q).orElse("null"))
            .append(", \"first_row_id\": ").append(f.firstRowId())
            .append(", \"key_stats\": ").append(statsJson(f.keyStats(), keyType))
            .append(", \"value_stats\": ")
            .append(statsJson(f.valueStats(), valueStatsType(t, rowType, f.valueStatsCols())))
            .append("}}");
      }
      j.append("]");
    }
    j.append("},\n");

    // Index manifest and deletion vectors.
    j.append("\"index_entries\": [");
    StringBuilder dvs = new StringBuilder();
    if (snap.indexManifest() != null) {
      var handler = t.store().newIndexFileHandler();
      List<IndexManifestEntry> entries = handler.readManifest(snap.indexManifest());
      for (int i = 0; i < entries.size(); i++) {
        IndexManifestEntry e = entries.get(i);
        IndexFileMeta m = e.indexFile();
        j.append(i == 0 ? "\n" : ",\n");
        j.append("{\"kind\": ").append(e.kind().toByteValue())
            .append(", \"partition_hex\": ").append(q(hex(SerializationUtils.serializeBinaryRow(e.partition()))))
            .append(", \"bucket\": ").append(e.bucket())
            .append(", \"index_type\": ").append(q(m.indexType()))
            .append(", \"file_name\": ").append(q(m.fileName()))
            .append(", \"file_size\": ").append(m.fileSize())
            .append(", \"row_count\": ").append(m.rowCount())
            .append(", \"external_path\": ").append(m.externalPath() == null ? "null" : q(m.externalPath()))
            .append(", \"dv_ranges\": [");
        if (m.dvRanges() != null) {
          int k = 0;
          for (DeletionVectorMeta dv : m.dvRanges().values()) {
            j.append(k++ == 0 ? "" : ", ");
            j.append("{\"data_file\": ").append(q(dv.dataFileName()))
                .append(", \"offset\": ").append(dv.offset())
                .append(", \"length\": ").append(dv.length())
                .append(", \"cardinality\": ").append(dv.cardinality()).append("}");
          }
        }
        j.append("]}");
        if (m.indexType().equals("DELETION_VECTORS")) {
          Map<String, DeletionVector> read = handler.readAllDeletionVectors(e);
          for (var dv : read.entrySet()) {
            dvs.append(dvs.length() == 0 ? "\n" : ",\n");
            dvs.append("{\"index_file\": ").append(q(m.fileName()))
                .append(", \"data_file\": ").append(q(dv.getKey()))
                .append(", \"cardinality\": ").append(dv.getValue().getCardinality())
                .append(", \"positions\": [");
            int k = 0;
            for (long p = 0; p < 1000; p++) {
              if (dv.getValue().isDeleted(p)) dvs.append(k++ == 0 ? "" : ", ").append(p);
            }
            dvs.append("]}");
          }
        }
      }
    }
    j.append("],\n\"deletion_vectors\": [").append(dvs).append("]\n}");
    return j.toString();
  }

  static RowType valueStatsType(FileStoreTable t, RowType rowType, List<String> cols) {
    if (cols == null) return rowType;
    List<DataField> fields = new ArrayList<>();
    for (String c : cols) fields.add(rowType.getField(c));
    return new RowType(fields);
  }

  static String statsJson(SimpleStats st, RowType type) {
    StringBuilder j = new StringBuilder("{");
    j.append("\"min_hex\": ").append(q(hex(SerializationUtils.serializeBinaryRow(st.minValues()))))
        .append(", \"max_hex\": ").append(q(hex(SerializationUtils.serializeBinaryRow(st.maxValues()))))
        .append(", \"null_counts\": [");
    InternalArray nc = st.nullCounts();
    for (int i = 0; i < nc.size(); i++) {
      j.append(i == 0 ? "" : ", ").append(nc.isNullAt(i) ? "null" : String.valueOf(nc.getLong(i)));
    }
    j.append("]");
    if (st.minValues().getFieldCount() == type.getFieldCount()) {
      j.append(", \"types\": ").append(fieldsJson(type))
          .append(", \"min\": ").append(rowJson(st.minValues(), type))
          .append(", \"max\": ").append(rowJson(st.maxValues(), type));
    }
    return j.append("}").toString();
  }

  static String fieldsJson(RowType type) {
    StringBuilder j = new StringBuilder("[");
    for (int i = 0; i < type.getFieldCount(); i++) {
      DataField f = type.getFields().get(i);
      j.append(i == 0 ? "" : ", ").append("{\"name\": ").append(q(f.name()))
          .append(", \"type\": ").append(q(f.type().asSQLString())).append("}");
    }
    return j.append("]").toString();
  }

  // Each value as Paimon's InternalRow getters return it.
  static String rowJson(InternalRow row, RowType type) {
    if (row.getFieldCount() != type.getFieldCount()) return "null";
    StringBuilder j = new StringBuilder("[");
    for (int i = 0; i < type.getFieldCount(); i++) {
      j.append(i == 0 ? "" : ", ");
      DataType dt = type.getTypeAt(i);
      Object v = InternalRow.createFieldGetter(dt, i).getFieldOrNull(row);
      if (v == null) {
        j.append("null");
      } else if (v instanceof BinaryString) {
        j.append(q(v.toString()));
      } else if (v instanceof Decimal) {
        j.append(q(((Decimal) v).toBigDecimal().toPlainString()));
      } else if (v instanceof Timestamp) {
        Timestamp ts = (Timestamp) v;
        j.append("{\"millis\": ").append(ts.getMillisecond())
            .append(", \"nanos\": ").append(ts.getNanoOfMillisecond()).append("}");
      } else if (v instanceof byte[]) {
        j.append(q(hex((byte[]) v)));
      } else if (v instanceof Float || v instanceof Double) {
        j.append(q(v.toString()));
      } else {
        j.append(v);
      }
    }
    return j.append("]").toString();
  }

  static String strings(List<String> l) {
    StringBuilder j = new StringBuilder("[");
    for (int i = 0; i < l.size(); i++) j.append(i == 0 ? "" : ", ").append(q(l.get(i)));
    return j.append("]").toString();
  }

  static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) s.append(String.format("%02x", x & 0xff));
    return s.toString();
  }

  static String q(String s) {
    if (s == null) return "null";
    StringBuilder j = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') j.append('\\').append(c);
      else if (c < 0x20) j.append(String.format("\\u%04x", (int) c));
      else j.append(c);
    }
    return j.append('"').toString();
  }
}
