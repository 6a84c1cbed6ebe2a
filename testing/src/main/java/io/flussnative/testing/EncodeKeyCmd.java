package io.flussnative.testing;

import org.apache.fluss.bucketing.FlussBucketingFunction;
import org.apache.fluss.bucketing.PaimonBucketingFunction;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.Decimal;
import org.apache.fluss.row.GenericRow;
import org.apache.fluss.row.TimestampLtz;
import org.apache.fluss.row.TimestampNtz;
import org.apache.fluss.row.encode.CompactedKeyEncoder;
import org.apache.fluss.row.encode.paimon.PaimonKeyEncoder;
import org.apache.fluss.types.DataType;
import org.apache.fluss.types.DataTypes;
import org.apache.fluss.types.RowType;
import org.apache.fluss.utils.json.DataTypeJsonSerde;
import org.apache.fluss.utils.json.JsonSerdeUtils;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code encode-key [--out FILE]} (no cluster): key bytes and buckets computed by Fluss's own
 * encoders for a fixed set of keys of every key type, one JSON line per key: {@code types} (Fluss
 * type JSON), {@code values} (each as a literal: kind and fields), {@code compacted} and {@code
 * paimon} (hex of CompactedKeyEncoder / PaimonKeyEncoder bytes), and {@code fluss_buckets} /
 * {@code paimon_buckets} (FlussBucketingFunction / PaimonBucketingFunction for each of {@code
 * bucket_counts}).
 */
final class EncodeKeyCmd {
    private EncodeKeyCmd() {}

    private static final int[] BUCKET_COUNTS = {1, 2, 3, 7, 16, 128, 1000};

    /** A value: the Fluss internal object and its literal description. */
    private static final class V {
        final Object internal;
        final Map<String, Object> literal;

        V(Object internal, Map<String, Object> literal) {
            this.internal = internal;
            this.literal = literal;
        }
    }

    private static Map<String, Object> lit(String kind, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static V bool(boolean b) { return new V(b, lit("boolean", "boolean", b)); }
    private static V tiny(int x) { return new V((byte) x, lit("integer", "integer", Long.toString(x))); }
    private static V small(int x) { return new V((short) x, lit("integer", "integer", Long.toString(x))); }
    private static V i32(int x) { return new V(x, lit("integer", "integer", Long.toString(x))); }
    private static V i64(long x) { return new V(x, lit("integer", "integer", Long.toString(x))); }
    private static V f32(float x) {
        return new V(x, lit("double", "bits", Long.toHexString(Double.doubleToRawLongBits((double) x))));
    }
    private static V f64(double x) {
        return new V(x, lit("double", "bits", Long.toHexString(Double.doubleToRawLongBits(x))));
    }
    private static V dec(String unscaled, int p, int s) {
        return new V(Decimal.fromBigDecimal(new BigDecimal(new BigInteger(unscaled), s), p, s),
                lit("decimal", "unscaled", unscaled, "scale", s));
    }
    private static V str(String x) {
        return new V(BinaryString.fromString(x),
                lit("string", "hex", Values.hex(x.getBytes(StandardCharsets.UTF_8))));
    }
    private static V bytes(String hex) { return new V(KeyValues.unhex(hex), lit("bytes", "hex", hex)); }
    private static V date(int d) { return new V(d, lit("date", "integer", Long.toString(d))); }
    private static V time(int millis) {
        return new V(millis, lit("time", "integer", Long.toString(millis * 1_000_000L)));
    }
    private static V ts(long millis, int nanos) {
        return new V(TimestampNtz.fromMillis(millis, nanos),
                lit("timestamp", "millis", Long.toString(millis), "nanos", nanos));
    }
    private static V ltz(long millis, int nanos) {
        return new V(TimestampLtz.fromEpochMillis(millis, nanos),
                lit("timestamp", "millis", Long.toString(millis), "nanos", nanos));
    }

    private static final class Case {
        final List<DataType> types;
        final List<V> values;

        Case(List<DataType> types, List<V> values) {
            this.types = types;
            this.values = values;
        }
    }

    private static void single(List<Case> cases, DataType t, V... vs) {
        for (V v : vs) {
            cases.add(new Case(Arrays.asList(t), Arrays.asList(v)));
        }
    }

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        single(c, DataTypes.BOOLEAN().copy(false), bool(true), bool(false));
        single(c, DataTypes.TINYINT().copy(false), tiny(0), tiny(-1), tiny(127), tiny(-128), tiny(42));
        single(c, DataTypes.SMALLINT().copy(false), small(0), small(-1), small(32767), small(-32768), small(300));
        single(c, DataTypes.INT().copy(false), i32(0), i32(1), i32(-1), i32(127), i32(128), i32(16384),
                i32(Integer.MAX_VALUE), i32(Integer.MIN_VALUE), i32(123456789), i32(499));
        single(c, DataTypes.BIGINT().copy(false), i64(0), i64(-1), i64(Long.MAX_VALUE), i64(Long.MIN_VALUE),
                i64(1000003L * 77), i64(1L << 35));
        single(c, DataTypes.FLOAT().copy(false), f32(0.0f), f32(-0.0f), f32(Float.NaN), f32(Float.POSITIVE_INFINITY),
                f32(Float.NEGATIVE_INFINITY), f32(Float.MIN_VALUE), f32(Float.MAX_VALUE), f32(1.5f), f32(-72.625f));
        single(c, DataTypes.DOUBLE().copy(false), f64(0.0), f64(-0.0), f64(Double.NaN), f64(Double.POSITIVE_INFINITY),
                f64(Double.MIN_VALUE), f64(Double.MAX_VALUE), f64(1.0e-300), f64(-125.154724));
        single(c, DataTypes.DECIMAL(5, 2).copy(false), dec("0", 5, 2), dec("12345", 5, 2), dec("-12345", 5, 2));
        single(c, DataTypes.DECIMAL(18, 4).copy(false), dec("999999999999999999", 18, 4), dec("-1", 18, 4),
                dec("415", 18, 4));
        single(c, DataTypes.DECIMAL(19, 0).copy(false), dec("1", 19, 0), dec("-1", 19, 0), dec("0", 19, 0));
        String max38 = "99999999999999999999999999999999999999";
        single(c, DataTypes.DECIMAL(38, 10).copy(false), dec(max38, 38, 10), dec("-" + max38, 38, 10),
                dec("12345678901234567890123", 38, 10), dec("128", 38, 10), dec("-128", 38, 10),
                dec("255", 38, 10), dec("-32769", 38, 10));
        single(c, DataTypes.CHAR(8).copy(false), str("abc"), str(""), str("abcdefgh"));
        single(c, DataTypes.STRING().copy(false), str(""), str("a"), str("1234567"), str("12345678"), str("k17"),
                str("héllo wörld ünïcode ☃"), str(new String(new char[150]).replace('\0', 'x')));
        single(c, DataTypes.BINARY(4).copy(false), bytes("00010203"), bytes("ffffffff"));
        single(c, DataTypes.BYTES().copy(false), bytes(""), bytes("ff"), bytes("00112233445566"),
                bytes("0011223344556677"), bytes("80ff7f0001020304050607080910111213141516"));
        single(c, DataTypes.DATE().copy(false), date(0), date(-1), date(18000), date(20089), date(-719162));
        single(c, DataTypes.TIME(0).copy(false), time(0), time(86399000), time(12000));
        single(c, DataTypes.TIME(3).copy(false), time(0), time(86399999), time(12345));
        for (int p : new int[] {0, 3, 6, 9}) {
            single(c, DataTypes.TIMESTAMP(p).copy(false), ts(0, 0), ts(-1, 0), ts(1600000000000L, 0),
                    ts(1600000000123L, p > 3 ? 333334 : 0), ts(-62135596800000L, 0));
            single(c, DataTypes.TIMESTAMP_LTZ(p).copy(false), ltz(0, 0), ltz(-1, 0), ltz(1600000000000L, 0),
                    ltz(1600000000123L, p > 3 ? 999999 : 0));
        }
        // Keys of several fields (offsets into Paimon's variable part, varints back to back).
        c.add(new Case(Arrays.asList(DataTypes.INT().copy(false), DataTypes.STRING().copy(false)),
                Arrays.asList(i32(7), str("eu"))));
        c.add(new Case(Arrays.asList(DataTypes.STRING().copy(false), DataTypes.BIGINT().copy(false),
                DataTypes.DATE().copy(false)), Arrays.asList(str("a longer string key"), i64(-5), date(20089))));
        c.add(new Case(Arrays.asList(DataTypes.DECIMAL(38, 10).copy(false), DataTypes.TIMESTAMP(9).copy(false),
                DataTypes.BYTES().copy(false), DataTypes.TIMESTAMP_LTZ(6).copy(false)),
                Arrays.asList(dec("-12345678901234567890123", 38, 10), ts(1600000000001L, 1),
                        bytes("000102030405060708"), ltz(-1, 999000))));
        c.add(new Case(Arrays.asList(DataTypes.BOOLEAN().copy(false), DataTypes.TINYINT().copy(false),
                DataTypes.SMALLINT().copy(false), DataTypes.FLOAT().copy(false), DataTypes.DOUBLE().copy(false)),
                Arrays.asList(bool(true), tiny(-3), small(-300), f32(-0.0f), f64(Double.NaN))));
        return c;
    }

    static int run(Map<String, String> a) throws Exception {
        try (PrintStream out = DataTool.out(a)) {
            for (Case k : cases()) {
                int n = k.types.size();
                String[] names = new String[n];
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    names[i] = "f" + i;
                    keys.add(names[i]);
                }
                RowType rowType = RowType.of(k.types.toArray(new DataType[0]), names);
                GenericRow row = new GenericRow(n);
                for (int i = 0; i < n; i++) {
                    row.setField(i, k.values.get(i).internal);
                }
                byte[] compacted = CompactedKeyEncoder.createKeyEncoder(rowType, keys).encodeKey(row);
                byte[] paimon = new PaimonKeyEncoder(rowType, keys).encodeKey(row);
                List<Object> types = new ArrayList<>();
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    types.add(Json.parse(new String(
                            JsonSerdeUtils.writeValueAsBytes(k.types.get(i), DataTypeJsonSerde.INSTANCE),
                            StandardCharsets.UTF_8)));
                    values.add(k.values.get(i).literal);
                }
                List<Object> counts = new ArrayList<>();
                List<Object> fluss = new ArrayList<>();
                List<Object> paimonBuckets = new ArrayList<>();
                for (int b : BUCKET_COUNTS) {
                    counts.add((long) b);
                    fluss.add((long) new FlussBucketingFunction().bucketing(compacted, b));
                    paimonBuckets.add((long) new PaimonBucketingFunction().bucketing(paimon, b));
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("types", types);
                m.put("values", values);
                m.put("compacted", Values.hex(compacted));
                m.put("paimon", Values.hex(paimon));
                m.put("bucket_counts", counts);
                m.put("fluss_buckets", fluss);
                m.put("paimon_buckets", paimonBuckets);
                out.println(Json.compactInOrder(m));
            }
        }
        return 0;
    }
}
