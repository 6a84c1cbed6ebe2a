package io.flussnative.testing;

import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.Decimal;
import org.apache.fluss.row.TimestampLtz;
import org.apache.fluss.row.TimestampNtz;
import org.apache.fluss.types.DataType;
import org.apache.fluss.types.DecimalType;

import java.math.BigDecimal;

/** Canonical JSON values (README "Value encoding") back to Fluss internal values, for keys. */
final class KeyValues {
    private KeyValues() {}

    static Object internal(Object json, DataType t) {
        if (json == null) {
            return null;
        }
        switch (t.getTypeRoot()) {
            case BOOLEAN: return (Boolean) json;
            case TINYINT: return ((Number) json).byteValue();
            case SMALLINT: return ((Number) json).shortValue();
            case INTEGER:
            case DATE:
            case TIME_WITHOUT_TIME_ZONE:
                return ((Number) json).intValue();
            case BIGINT: return ((Number) json).longValue();
            case FLOAT: return json instanceof String ? Float.parseFloat((String) json) : ((Number) json).floatValue();
            case DOUBLE: return json instanceof String ? Double.parseDouble((String) json) : ((Number) json).doubleValue();
            case DECIMAL: {
                DecimalType d = (DecimalType) t;
                return Decimal.fromBigDecimal(new BigDecimal((String) json), d.getPrecision(), d.getScale());
            }
            case CHAR:
            case STRING:
                return BinaryString.fromString((String) json);
            case BINARY:
            case BYTES:
                return unhex((String) json);
            case TIMESTAMP_WITHOUT_TIME_ZONE: {
                long n = ((Number) json).longValue();
                return TimestampNtz.fromMillis(Math.floorDiv(n, 1_000_000L), (int) Math.floorMod(n, 1_000_000L));
            }
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE: {
                long n = ((Number) json).longValue();
                return TimestampLtz.fromEpochMillis(Math.floorDiv(n, 1_000_000L), (int) Math.floorMod(n, 1_000_000L));
            }
            default:
                throw new IllegalArgumentException("not a key type: " + t);
        }
    }

    static byte[] unhex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
