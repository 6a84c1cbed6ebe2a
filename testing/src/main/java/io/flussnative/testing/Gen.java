package io.flussnative.testing;

import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.Decimal;
import org.apache.fluss.row.GenericArray;
import org.apache.fluss.row.GenericMap;
import org.apache.fluss.row.GenericRow;
import org.apache.fluss.row.TimestampLtz;
import org.apache.fluss.row.TimestampNtz;
import org.apache.fluss.types.ArrayType;
import org.apache.fluss.types.BinaryType;
import org.apache.fluss.types.CharType;
import org.apache.fluss.types.DataType;
import org.apache.fluss.types.DecimalType;
import org.apache.fluss.types.LocalZonedTimestampType;
import org.apache.fluss.types.MapType;
import org.apache.fluss.types.RowType;
import org.apache.fluss.types.TimeType;
import org.apache.fluss.types.TimestampType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Deterministic value generator producing Fluss internal objects for any DataType. */
public final class Gen {
    private static final String ALPHA = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String[] SPECIAL_STRINGS = {"", "héllo wörld", "日本語", "a\"b\\c", "tab\tnl\n"};
    private final Random rnd;

    public Gen(long seed) {
        this.rnd = new Random(seed);
    }

    /** Random value; null with probability ~1/8 when the type is nullable. */
    public Object value(DataType t) {
        if (t.isNullable() && rnd.nextInt(8) == 0) {
            return null;
        }
        return nonNull(t);
    }

    public Object nonNull(DataType t) {
        switch (t.getTypeRoot()) {
            case BOOLEAN: return rnd.nextBoolean();
            case TINYINT: return (byte) rnd.nextInt();
            case SMALLINT: return (short) rnd.nextInt();
            case INTEGER: return pick(rnd.nextInt(), Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
            case BIGINT: return pick(rnd.nextLong(), Long.MIN_VALUE, Long.MAX_VALUE, 0L);
            case FLOAT:
                return pick(rnd.nextFloat() * 2000 - 1000, Float.NaN, Float.POSITIVE_INFINITY,
                        Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE);
            case DOUBLE:
                return pick(rnd.nextGaussian() * 1e6, Double.NaN, Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e-300);
            case DECIMAL: return decimal((DecimalType) t);
            case CHAR: return BinaryString.fromString(text(((CharType) t).getLength()));
            case STRING:
                return BinaryString.fromString(rnd.nextInt(6) == 0
                        ? SPECIAL_STRINGS[rnd.nextInt(SPECIAL_STRINGS.length)]
                        : text(rnd.nextInt(20)));
            case BINARY: return bytes(((BinaryType) t).getLength());
            case BYTES: return bytes(rnd.nextInt(24));
            case DATE: return rnd.nextInt(60000) - 20000; // days since epoch, ~1915..2134
            case TIME_WITHOUT_TIME_ZONE: {
                int ms = rnd.nextInt(86_400_000);
                return ((TimeType) t).getPrecision() == 0 ? ms / 1000 * 1000 : ms;
            }
            case TIMESTAMP_WITHOUT_TIME_ZONE: {
                long[] mn = instant(((TimestampType) t).getPrecision());
                return TimestampNtz.fromMillis(mn[0], (int) mn[1]);
            }
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE: {
                long[] mn = instant(((LocalZonedTimestampType) t).getPrecision());
                return TimestampLtz.fromEpochMillis(mn[0], (int) mn[1]);
            }
            case ARRAY: {
                DataType e = ((ArrayType) t).getElementType();
                Object[] arr = new Object[rnd.nextInt(4)];
                for (int k = 0; k < arr.length; k++) {
                    arr[k] = value(e);
                }
                return new GenericArray(arr);
            }
            case MAP: {
                MapType mt = (MapType) t;
                Map<Object, Object> m = new LinkedHashMap<>();
                int n = rnd.nextInt(4);
                for (int k = 0; k < n; k++) {
                    m.put(nonNull(mt.getKeyType()), value(mt.getValueType()));
                }
                return new GenericMap(m);
            }
            case ROW: {
                RowType rt = (RowType) t;
                GenericRow r = new GenericRow(rt.getFieldCount());
                for (int k = 0; k < rt.getFieldCount(); k++) {
                    r.setField(k, value(rt.getTypeAt(k)));
                }
                return r;
            }
            default:
                throw new IllegalArgumentException("unsupported type " + t);
        }
    }

    /** A value uniquely determined by {@code key} (used for primary-key columns). */
    public static Object keyValue(DataType t, long key) {
        switch (t.getTypeRoot()) {
            case BOOLEAN: return key % 2 == 0;
            case TINYINT: return (byte) key;
            case SMALLINT: return (short) key;
            case INTEGER: return (int) key;
            case BIGINT: return key * 1_000_003L;
            case DATE: return (int) (18000 + key);
            case STRING: return BinaryString.fromString("k" + key);
            case CHAR: {
                int len = ((CharType) t).getLength();
                String s = String.format("%0" + len + "d", key);
                return BinaryString.fromString(s.substring(s.length() - len));
            }
            case DECIMAL: {
                DecimalType d = (DecimalType) t;
                return Decimal.fromBigDecimal(BigDecimal.valueOf(key, 1).setScale(d.getScale()),
                        d.getPrecision(), d.getScale());
            }
            case FLOAT: {
                // the specials first (0.0 and -0.0 are distinct keys in Fluss), then non-integral
                // values that never collide with them
                float[] specials = {0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY,
                        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};
                return key < specials.length ? specials[(int) key] : (key - 500) * 0.25f + 0.125f;
            }
            case TIMESTAMP_WITHOUT_TIME_ZONE: {
                if (((TimestampType) t).getPrecision() <= 3) {
                    return TimestampNtz.fromMillis(1_600_000_000_000L + key);
                }
                // three keys per millisecond that differ only below the millisecond
                return TimestampNtz.fromMillis(1_600_000_000_000L + key / 3,
                        (int) (key % 3) * 333_333 + 1);
            }
            case BYTES: return BigInteger.valueOf(key + 256).toByteArray();
            default:
                throw new IllegalArgumentException("unsupported key type " + t);
        }
    }

    @SafeVarargs
    private <T> T pick(T normal, T... specials) {
        return rnd.nextInt(10) == 0 ? specials[rnd.nextInt(specials.length)] : normal;
    }

    private Decimal decimal(DecimalType d) {
        int p = d.getPrecision();
        int digits = rnd.nextInt(10) == 0 ? p : 1 + rnd.nextInt(p);
        StringBuilder b = new StringBuilder(rnd.nextBoolean() ? "-" : "");
        for (int k = 0; k < digits; k++) {
            b.append((char) ('0' + (k == 0 ? 1 + rnd.nextInt(9) : rnd.nextInt(10))));
        }
        BigDecimal v = new BigDecimal(new BigInteger(b.toString()), d.getScale());
        return Decimal.fromBigDecimal(v, p, d.getScale());
    }

    /** Random lower-case alphanumeric text of length {@code len}. */
    public String text(int len) {
        StringBuilder b = new StringBuilder(len);
        for (int k = 0; k < len; k++) {
            b.append(ALPHA.charAt(rnd.nextInt(ALPHA.length())));
        }
        return b.toString();
    }

    private byte[] bytes(int len) {
        byte[] b = new byte[len];
        rnd.nextBytes(b);
        return b;
    }

    /** {millis, nanoOfMillisecond} truncated to the given fractional-second precision. */
    private long[] instant(int precision) {
        long millis = rnd.nextLong() % 4_000_000_000_000L; // ~ 1843 .. 2096
        if (rnd.nextInt(10) == 0) {
            millis = -1; // just before the epoch
        }
        if (precision > 3) {
            // Fluss 0.9.1's Java Arrow reader (ArrowTimestamp{Ntz,Ltz}ColumnVector) uses
            // truncating division on micros/nanos and throws for pre-epoch values, so the
            // reference data avoids them for sub-millisecond precisions.
            millis = Math.abs(millis);
        }
        int nanos = rnd.nextInt(1_000_000);
        if (precision < 3) {
            long unit = (long) Math.pow(10, 3 - precision);
            millis = Math.floorDiv(millis, unit) * unit;
        }
        if (precision <= 3) {
            nanos = 0;
        } else if (precision < 9) {
            int unit = (int) Math.pow(10, 9 - precision);
            nanos = nanos / unit * unit;
        }
        return new long[] {millis, nanos};
    }
}
