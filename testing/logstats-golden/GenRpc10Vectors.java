// Writes Fluss 1.0 RPC test vectors with Fluss 1.0.0's own classes (shaded in
// fluss-client 1.0.0), so fluss-native's encoders are checked byte for byte:
//   filter_predicates.json  per case: our SQL text of a predicate, and the
//                           bytes of the PbPredicate Fluss 1.0's client sends
//                           for it (PredicateBuilder, then
//                           PredicateMessageUtils.toPbPredicate), as hex
//   fetch_log_filter.hex    a whole FetchLogRequest carrying one of them with
//                           filter_schema_id, as the 1.0 client's
//                           PbFetchLogReqForTable sets it
//   scan_kv.json            ScanKvRequest bytes (new scan, continuation,
//                           close) and a ScanKvResponse whose records are a
//                           DefaultValueRecordBatch of compacted rows
// The schema's field ids are 10 + position, so a field id is never mistaken
// for an index.
//
// Run: testing/logstats-golden/regen.sh (not run in CI).
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.fluss.metadata.KvFormat;
import org.apache.fluss.predicate.Predicate;
import org.apache.fluss.predicate.PredicateBuilder;
import org.apache.fluss.record.DefaultValueRecordBatch;
import org.apache.fluss.row.BinaryRow;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.Decimal;
import org.apache.fluss.row.TimestampLtz;
import org.apache.fluss.row.TimestampNtz;
import org.apache.fluss.row.encode.RowEncoder;
import org.apache.fluss.rpc.messages.FetchLogRequest;
import org.apache.fluss.rpc.messages.FetchLogResponse;
import org.apache.fluss.rpc.messages.PbFetchLogRespForBucket;
import org.apache.fluss.rpc.messages.PbFetchLogRespForTable;
import org.apache.fluss.rpc.protocol.ApiKeys;
import org.apache.fluss.rpc.messages.PbFetchLogReqForBucket;
import org.apache.fluss.rpc.messages.PbFetchLogReqForTable;
import org.apache.fluss.rpc.messages.PbScanReqForBucket;
import org.apache.fluss.rpc.messages.ScanKvRequest;
import org.apache.fluss.rpc.messages.ScanKvResponse;
import org.apache.fluss.rpc.util.PredicateMessageUtils;
import org.apache.fluss.types.DataField;
import org.apache.fluss.types.DataType;
import org.apache.fluss.types.DataTypes;
import org.apache.fluss.types.RowType;

public class GenRpc10Vectors {

    static final String[] NAMES = {"i8", "i16", "i32", "i64", "f32", "f64", "s", "b", "dec",
        "dec30", "d", "t", "ts", "ltz", "bin"};
    static final DataType[] TYPES = {DataTypes.TINYINT(), DataTypes.SMALLINT(), DataTypes.INT(),
        DataTypes.BIGINT(), DataTypes.FLOAT(), DataTypes.DOUBLE(), DataTypes.STRING(),
        DataTypes.BOOLEAN(), DataTypes.DECIMAL(10, 2), DataTypes.DECIMAL(30, 4), DataTypes.DATE(),
        DataTypes.TIME(3), DataTypes.TIMESTAMP(6), DataTypes.TIMESTAMP_LTZ(6), DataTypes.BYTES()};
    static final RowType ROW_TYPE = rowType();

    static RowType rowType() {
        List<DataField> fields = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            fields.add(new DataField(NAMES[i], TYPES[i], null, 10 + i));
        }
        return new RowType(fields);
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format("%02x", x & 0xff));
        return sb.toString();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static final List<String> CASES = new ArrayList<>();

    static void add(String name, String sql, Predicate p) {
        byte[] bytes = PredicateMessageUtils.toPbPredicate(p, ROW_TYPE).toByteArray();
        CASES.add("{\"name\":" + quote(name) + ",\"sql\":" + quote(sql) + ",\"hex\":\""
                + hex(bytes) + "\"}");
    }

    static List<Object> ints(int from, int count) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(from + i);
        return out;
    }

    static String sqlList(int from, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(Integer.toString(from + i));
        return String.join(", ", out);
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        PredicateBuilder pb = new PredicateBuilder(ROW_TYPE);
        int i8 = 0, i16 = 1, i32 = 2, i64 = 3, f32 = 4, f64 = 5, s = 6, b = 7, dec = 8,
                dec30 = 9, d = 10, t = 11, ts = 12, ltz = 13, bin = 14;
        add("eq_int", "i32 = 7", pb.equal(i32, 7));
        add("ne_tinyint", "i8 <> -3", pb.notEqual(i8, (byte) -3));
        add("lt_smallint", "i16 < 300", pb.lessThan(i16, (short) 300));
        add("ge_bigint", "i64 >= 5000000000", pb.greaterOrEqual(i64, 5000000000L));
        add("lt_float", "f32 < 1.5", pb.lessThan(f32, 1.5f));
        add("le_double", "f64 <= -2.25", pb.lessOrEqual(f64, -2.25));
        add("eq_string", "s = 'abc'", pb.equal(s, BinaryString.fromString("abc")));
        add("eq_string_utf8", "s = 'h\u00e9llo'", pb.equal(s, BinaryString.fromString("h\u00e9llo")));
        add("eq_boolean", "b = TRUE", pb.equal(b, true));
        add("eq_decimal", "dec = 12.34", pb.equal(dec, Decimal.fromUnscaledLong(1234, 10, 2)));
        add("lt_negative_decimal", "dec < -0.5", pb.lessThan(dec, Decimal.fromUnscaledLong(-50, 10, 2)));
        add("gt_wide_decimal", "dec30 > 12345678901234567890123.5678",
                pb.greaterThan(dec30, Decimal.fromBigDecimal(
                        new BigDecimal("12345678901234567890123.5678"), 30, 4)));
        add("gt_wide_negative_decimal", "dec30 > -12345678901234567890123.5",
                pb.greaterThan(dec30, Decimal.fromBigDecimal(
                        new BigDecimal("-12345678901234567890123.5"), 30, 4)));
        add("eq_date", "d = DATE '2024-01-02'", pb.equal(d, 19724));
        add("lt_time", "t < TIME '12:00:00.123'", pb.lessThan(t, 43200123));
        add("ge_timestamp", "ts >= TIMESTAMP '2024-01-01 00:00:00.123456'",
                pb.greaterOrEqual(ts, TimestampNtz.fromMillis(1704067200123L, 456000)));
        add("lt_timestamp_ltz", "ltz < TIMESTAMP '2024-01-01 00:00:00.5'",
                pb.lessThan(ltz, TimestampLtz.fromEpochMillis(1704067200500L, 0)));
        add("eq_bytes", "bin = X'0A0B'", pb.equal(bin, new byte[] {0x0a, 0x0b}));
        add("is_null", "i32 IS NULL", pb.isNull(i32));
        add("is_not_null", "s IS NOT NULL", pb.isNotNull(s));
        add("between", "i32 BETWEEN 1 AND 10", pb.between(i32, 1, 10));
        add("in_small", "i32 IN (1, 2, 3)", pb.in(i32, ints(1, 3)));
        add("not_in_small", "i32 NOT IN (1, 2)", pb.notIn(i32, ints(1, 2)));
        add("in_large", "i32 IN (" + sqlList(100, 21) + ")", pb.in(i32, ints(100, 21)));
        add("not_in_large", "i32 NOT IN (" + sqlList(100, 21) + ")", pb.notIn(i32, ints(100, 21)));
        add("starts_with", "s LIKE 'ab%'", pb.startsWith(s, BinaryString.fromString("ab")));
        add("and_three", "i32 > 1 AND s = 'x' AND b = FALSE",
                PredicateBuilder.and(pb.greaterThan(i32, 1), pb.equal(s, BinaryString.fromString("x")),
                        pb.equal(b, false)));
        add("or_two", "i32 < 0 OR i64 > 10",
                PredicateBuilder.or(pb.lessThan(i32, 0), pb.greaterThan(i64, 10L)));
        add("nested", "(i32 = 1 OR i32 = 2) AND f64 < 0.5",
                PredicateBuilder.and(PredicateBuilder.or(pb.equal(i32, 1), pb.equal(i32, 2)),
                        pb.lessThan(f64, 0.5)));
        Files.writeString(out.resolve("filter_predicates.json"),
                "{\"cases\":[\n" + String.join(",\n", CASES) + "]}\n");

        // A whole FetchLogRequest with a filter, as the 1.0 LogFetcher builds it.
        FetchLogRequest fetch = new FetchLogRequest().setFollowerServerId(-1).setMaxBytes(1 << 20)
                .setMaxWaitMs(100).setMinBytes(1);
        PbFetchLogReqForTable table = new PbFetchLogReqForTable().setTableId(42)
                .setProjectionPushdownEnabled(false);
        table.setFilterPredicate(PredicateMessageUtils.toPbPredicate(pb.greaterThan(i32, 5), ROW_TYPE));
        table.setFilterSchemaId(3);
        PbFetchLogReqForBucket bucket = new PbFetchLogReqForBucket().setBucketId(1)
                .setFetchOffset(17).setMaxFetchBytes(65536);
        bucket.setPartitionId(9);
        table.addAllBucketsReqs(Arrays.asList(bucket));
        fetch.addAllTablesReqs(Arrays.asList(table));
        Files.writeString(out.resolve("fetch_log_filter.hex"), hex(fetch.toByteArray()) + "\n");

        // A FetchLog answer whose bucket was filtered out entirely (no records,
        // filtered_end_offset), next to one with records and the offset.
        FetchLogResponse fresp = new FetchLogResponse();
        PbFetchLogRespForTable tresp = new PbFetchLogRespForTable().setTableId(42);
        PbFetchLogRespForBucket b0 = new PbFetchLogRespForBucket().setBucketId(0)
                .setHighWatermark(200).setLogStartOffset(0).setFilteredEndOffset(120);
        PbFetchLogRespForBucket b1 = new PbFetchLogRespForBucket().setBucketId(1)
                .setHighWatermark(50).setRecords(new byte[] {1, 2, 3}).setFilteredEndOffset(48);
        tresp.addAllBucketsResps(Arrays.asList(b0, b1));
        fresp.addAllTablesResps(Arrays.asList(tresp));
        Files.writeString(out.resolve("fetch_log_filtered_response.hex"), hex(fresp.toByteArray()) + "\n");

        // The API versions Fluss 1.0.0 defines (public ones: what servers announce).
        List<String> keys = new ArrayList<>();
        for (ApiKeys k : ApiKeys.values()) {
            if (k.visibility != ApiKeys.ApiVisibility.PUBLIC) continue;
            keys.add("[" + k.id + "," + k.lowestSupportedVersion + "," + k.highestSupportedVersion + "]");
        }
        Files.writeString(out.resolve("api_keys_1_0_0.json"), "[" + String.join(",", keys) + "]\n");

        // SCAN_KV.
        List<String> kv = new ArrayList<>();
        ScanKvRequest open = new ScanKvRequest().setCallSeqId(0).setBatchSizeBytes(1 << 20);
        PbScanReqForBucket req = open.setBucketScanReq();
        req.setTableId(42).setBucketId(2).setPartitionId(7);
        req.setLimit(100);
        kv.add("\"open_request\":\"" + hex(open.toByteArray()) + "\"");
        ScanKvRequest openNoLimit = new ScanKvRequest().setCallSeqId(0).setBatchSizeBytes(4096);
        openNoLimit.setBucketScanReq().setTableId(42).setBucketId(0);
        kv.add("\"open_request_plain\":\"" + hex(openNoLimit.toByteArray()) + "\"");
        byte[] scannerId = "scanner-0001".getBytes(StandardCharsets.UTF_8);
        ScanKvRequest next = new ScanKvRequest().setScannerId(scannerId).setCallSeqId(3)
                .setBatchSizeBytes(1 << 20);
        kv.add("\"continue_request\":\"" + hex(next.toByteArray()) + "\"");
        ScanKvRequest close = new ScanKvRequest().setScannerId(scannerId).setCallSeqId(4)
                .setCloseScanner(true);
        kv.add("\"close_request\":\"" + hex(close.toByteArray()) + "\"");

        RowType valueType = RowType.of(new DataType[] {DataTypes.INT(), DataTypes.STRING()},
                new String[] {"id", "name"});
        DefaultValueRecordBatch.Builder builder = DefaultValueRecordBatch.builder();
        List<String> rows = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            RowEncoder enc = RowEncoder.create(KvFormat.COMPACTED, valueType);
            enc.startNewRow();
            enc.encodeField(0, 10 + k);
            enc.encodeField(1, k == 1 ? null : BinaryString.fromString("n" + k));
            BinaryRow row = enc.finishRow();
            builder.append((short) 1, row);
            rows.add("{\"id\":" + (10 + k) + ",\"name\":" + (k == 1 ? "null" : "\"n" + k + "\"") + "}");
        }
        DefaultValueRecordBatch batch = builder.build();
        byte[] records = new byte[batch.sizeInBytes()];
        batch.getSegment().get(batch.getPosition(), records, 0, records.length);
        ScanKvResponse first = new ScanKvResponse().setScannerId(scannerId).setHasMoreResults(true)
                .setRecords(records).setLogOffset(1234);
        kv.add("\"first_response\":\"" + hex(first.toByteArray()) + "\"");
        ScanKvResponse last = new ScanKvResponse().setScannerId(scannerId).setHasMoreResults(false);
        kv.add("\"last_response\":\"" + hex(last.toByteArray()) + "\"");
        ScanKvResponse failed = new ScanKvResponse().setErrorCode(61).setErrorMessage("scanner expired");
        kv.add("\"error_response\":\"" + hex(failed.toByteArray()) + "\"");
        kv.add("\"records\":\"" + hex(records) + "\"");
        kv.add("\"rows\":[" + String.join(",", rows) + "]");
        Files.writeString(out.resolve("scan_kv.json"), "{" + String.join(",\n", kv) + "}\n");
    }
}
