package io.flussnative.testing;

import org.apache.paimon.Snapshot;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.CatalogContext;
import org.apache.paimon.catalog.CatalogFactory;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.data.BinaryRow;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.io.DataFileMeta;
import org.apache.paimon.manifest.ManifestEntry;
import org.apache.paimon.options.Options;
import org.apache.paimon.reader.RecordReader;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.source.DataSplit;
import org.apache.paimon.table.source.DeletionFile;
import org.apache.paimon.table.source.ReadBuilder;
import org.apache.paimon.table.source.Split;
import org.apache.paimon.types.DataField;
import org.apache.paimon.types.RowType;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Paimon Java reader oracle for tiered tables (no Fluss cluster needed):
 *
 * <ul>
 *   <li>{@code dump-lake --table db.t --warehouse DIR [--snapshot ID] [--out F]}: every row of
 *       the Paimon table {@code db.t} at snapshot ID (default latest), read with Paimon's
 *       ReadBuilder over all splits (primary-key tables merged on read, deletion vectors
 *       applied), one compact JSON object per line with all Paimon columns (incl. Fluss's
 *       {@code __bucket}, {@code __offset}, {@code __timestamp}) in Paimon schema order; lines
 *       sorted by their text.
 *   <li>{@code dump-lake-meta --table db.t --warehouse DIR [--snapshot ID] [--out F]}: the
 *       table's Paimon schema, snapshots and the data files of one snapshot (canonical JSON).
 * </ul>
 */
final class DumpLake {
    private DumpLake() {}

    static FileStoreTable open(Map<String, String> a, Catalog[] catalogOut) throws Exception {
        Options o = new Options();
        o.set("warehouse", DataTool.req(a, "warehouse"));
        o.set("metastore", "filesystem");
        Catalog catalog = CatalogFactory.createCatalog(CatalogContext.create(o));
        catalogOut[0] = catalog;
        String[] name = DataTool.req(a, "table").split("\\.", 2);
        return (FileStoreTable) catalog.getTable(Identifier.create(name[0], name[1]));
    }

    /** The requested snapshot id (--snapshot), else the latest; null if the table has none. */
    private static Long snapshotId(FileStoreTable table, Map<String, String> a) {
        if (a.containsKey("snapshot")) {
            return Long.parseLong(a.get("snapshot"));
        }
        return table.snapshotManager().latestSnapshotId();
    }

    static int rows(Map<String, String> a) throws Exception {
        Catalog[] cat = new Catalog[1];
        FileStoreTable table = open(a, cat);
        try (PrintStream out = DataTool.out(a)) {
            Long id = snapshotId(table, a);
            if (id == null) {
                return 0; // nothing tiered yet: empty file
            }
            long n = rows(table, id, out);
            System.err.println("dump-lake: " + a.get("table") + " snapshot " + id + ": "
                    + n + " rows");
        } finally {
            cat[0].close();
        }
        return 0;
    }

    /** Writes the rows of snapshot {@code id} as sorted JSON lines; returns the row count. */
    static long rows(FileStoreTable table, long id, PrintStream out) throws Exception {
        FileStoreTable at = table.copy(
                Collections.singletonMap("scan.snapshot-id", String.valueOf(id)));
        RowType type = at.rowType();
        ReadBuilder rb = at.newReadBuilder();
        List<Split> splits = rb.newScan().plan().splits();
        List<String> lines = new ArrayList<>();
        try (RecordReader<InternalRow> reader = rb.newRead().createReader(splits)) {
            reader.forEachRemaining(r ->
                    lines.add(Json.compactInOrder(PaimonValues.row(r, type))));
        }
        Collections.sort(lines);
        for (String l : lines) {
            out.println(l);
        }
        out.flush();
        return lines.size();
    }

    static int meta(Map<String, String> a) throws Exception {
        Catalog[] cat = new Catalog[1];
        FileStoreTable table = open(a, cat);
        try (PrintStream out = DataTool.out(a)) {
            out.print(Json.pretty(meta(table, a.get("table"), snapshotId(table, a))));
        } finally {
            cat[0].close();
        }
        return 0;
    }

    /** dump-lake-meta's JSON object for snapshot {@code id} (null: the table has none). */
    static Map<String, Object> meta(FileStoreTable table, String name, Long id) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", name);
        m.put("location", table.location().toString());
        m.put("schema_id", table.schema().id());
        List<Map<String, Object>> cols = new ArrayList<>();
        for (DataField f : table.schema().fields()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", (long) f.id());
            c.put("name", f.name());
            c.put("type", f.type().asSQLString());
            c.put("nullable", f.type().isNullable());
            cols.add(c);
        }
        m.put("columns", cols);
        m.put("primary_keys", table.schema().primaryKeys());
        m.put("partition_keys", table.schema().partitionKeys());
        m.put("bucket_keys", table.schema().bucketKeys());
        m.put("bucket_count", (long) table.schema().numBuckets());
        m.put("options", new TreeMap<>(table.schema().options()));
        List<Map<String, Object>> snaps = new ArrayList<>();
        List<Snapshot> all = new ArrayList<>(table.snapshotManager().safelyGetAllSnapshots());
        all.sort(Comparator.comparingLong(Snapshot::id));
        for (Snapshot s : all) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("id", s.id());
            sm.put("schema_id", s.schemaId());
            sm.put("commit_kind", s.commitKind().toString());
            sm.put("time_millis", s.timeMillis());
            sm.put("total_record_count", s.totalRecordCount());
            sm.put("delta_record_count", s.deltaRecordCount());
            sm.put("changelog_record_count", s.changelogRecordCount());
            sm.put("properties", s.properties() == null ? Collections.emptyMap()
                    : new TreeMap<>(s.properties()));
            snaps.add(sm);
        }
        m.put("snapshots", snaps);
        m.put("snapshot_id", id);
        m.put("files", id == null ? Collections.emptyList() : files(table, id));
        return m;
    }

    /**
     * Every data file of the snapshot (all levels), with whether a batch read of the snapshot
     * uses it (Paimon skips level-0 files of deletion-vector tables) and its deletion file.
     */
    private static List<Map<String, Object>> files(FileStoreTable table, long id) {
        Map<String, DeletionFile> dv = new HashMap<>();
        Map<String, Boolean> read = new HashMap<>();
        FileStoreTable at = table.copy(
                Collections.singletonMap("scan.snapshot-id", String.valueOf(id)));
        for (Split split : at.newReadBuilder().newScan().plan().splits()) {
            if (!(split instanceof DataSplit)) {
                continue;
            }
            DataSplit s = (DataSplit) split;
            List<DeletionFile> dfs = s.deletionFiles().orElse(null);
            for (int k = 0; k < s.dataFiles().size(); k++) {
                String f = s.dataFiles().get(k).fileName();
                read.put(f, true);
                if (dfs != null && dfs.get(k) != null) {
                    dv.put(f, dfs.get(k));
                }
            }
        }
        RowType partType = table.schema().logicalPartitionType();
        List<Map<String, Object>> out = new ArrayList<>();
        for (ManifestEntry e : table.store().newScan().withSnapshot(id).plan().files()) {
            DataFileMeta f = e.file();
            Map<String, Object> fm = new LinkedHashMap<>();
            Map<String, Object> spec = partition(e.partition(), partType);
            StringBuilder dir = new StringBuilder();
            spec.forEach((k, v) -> dir.append(k).append('=').append(v).append('/'));
            dir.append("bucket-").append(e.bucket());
            fm.put("partition", spec);
            fm.put("bucket", (long) e.bucket());
            fm.put("path", dir + "/" + f.fileName());
            fm.put("file", f.fileName());
            fm.put("size", f.fileSize());
            fm.put("row_count", f.rowCount());
            fm.put("delete_row_count", f.deleteRowCount().orElse(null));
            fm.put("level", (long) f.level());
            fm.put("min_sequence_number", f.minSequenceNumber());
            fm.put("max_sequence_number", f.maxSequenceNumber());
            fm.put("read", read.getOrDefault(f.fileName(), false));
            DeletionFile d = dv.get(f.fileName());
            if (d == null) {
                fm.put("deletion_file", null);
            } else {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("path", d.path());
                dm.put("offset", d.offset());
                dm.put("length", d.length());
                dm.put("cardinality", d.cardinality());
                fm.put("deletion_file", dm);
            }
            out.add(fm);
        }
        out.sort(Comparator.comparing((Map<String, Object> x) -> (String) x.get("path")));
        return out;
    }

    /** Partition values as strings (as in Paimon's partition directory names). */
    private static Map<String, Object> partition(BinaryRow p, RowType partType) {
        Map<String, Object> spec = new LinkedHashMap<>();
        Map<String, Object> vals = PaimonValues.row(p, partType);
        vals.forEach((k, v) -> spec.put(k, v == null ? null : String.valueOf(v)));
        return spec;
    }
}
