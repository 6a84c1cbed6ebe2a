package io.flussnative.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Minimal JSON support. Parsing yields Map (insertion ordered), List, String, Long, Double,
 * Boolean or null. Writing is canonical: object keys sorted, numbers as given.
 */
public final class Json {
    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    public static Object parse(String text) {
        Json p = new Json(text);
        Object v = p.value();
        p.ws();
        if (p.i != p.s.length()) {
            throw p.err("trailing characters");
        }
        return v;
    }

    private RuntimeException err(String msg) {
        return new IllegalArgumentException("JSON: " + msg + " at offset " + i);
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private Object value() {
        ws();
        if (i >= s.length()) {
            throw err("unexpected end");
        }
        char c = s.charAt(i);
        if (c == '{') {
            i++;
            Map<String, Object> m = new LinkedHashMap<>();
            ws();
            if (s.charAt(i) == '}') {
                i++;
                return m;
            }
            while (true) {
                ws();
                String k = string();
                ws();
                expect(':');
                m.put(k, value());
                ws();
                if (s.charAt(i) == ',') {
                    i++;
                } else {
                    expect('}');
                    return m;
                }
            }
        } else if (c == '[') {
            i++;
            List<Object> l = new ArrayList<>();
            ws();
            if (s.charAt(i) == ']') {
                i++;
                return l;
            }
            while (true) {
                l.add(value());
                ws();
                if (s.charAt(i) == ',') {
                    i++;
                } else {
                    expect(']');
                    return l;
                }
            }
        } else if (c == '"') {
            return string();
        } else if (s.startsWith("true", i)) {
            i += 4;
            return Boolean.TRUE;
        } else if (s.startsWith("false", i)) {
            i += 5;
            return Boolean.FALSE;
        } else if (s.startsWith("null", i)) {
            i += 4;
            return null;
        }
        int st = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        String num = s.substring(st, i);
        if (num.isEmpty()) {
            throw err("unexpected character '" + c + "'");
        }
        if (num.contains(".") || num.contains("e") || num.contains("E")) {
            return Double.parseDouble(num);
        }
        return Long.parseLong(num);
    }

    private void expect(char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw err("expected '" + c + "'");
        }
        i++;
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case 'r': b.append('\r'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'u':
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                    break;
                default: b.append(e);
            }
        }
    }

    // ------------------------------------------------------------------ writing

    /** Pretty, canonical: sorted keys, 2-space indent, ": " and "," separators. */
    public static String pretty(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v, 0, true);
        return b.append('\n').toString();
    }

    /** Compact, canonical: sorted keys, no whitespace at all. */
    public static String compact(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v, 0, false);
        return b.toString();
    }

    /**
     * Compact like {@link #compact}, but object keys keep the map's iteration order (used for
     * rows in schema order, e.g. dump-lake). Everything else is identical.
     */
    public static String compactInOrder(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v, 0, false, false);
        return b.toString();
    }

    private static void nl(StringBuilder b, int indent, boolean pretty) {
        if (pretty) {
            b.append('\n');
            for (int k = 0; k < indent; k++) {
                b.append("  ");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void write(StringBuilder b, Object v, int indent, boolean pretty) {
        write(b, v, indent, pretty, true);
    }

    @SuppressWarnings("unchecked")
    private static void write(StringBuilder b, Object v, int indent, boolean pretty,
                              boolean sort) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String) {
            quote(b, (String) v);
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer
                || v instanceof Short || v instanceof Byte || v instanceof java.math.BigInteger) {
            b.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            b.append(v);
        } else if (v instanceof Map) {
            Map<String, Object> m = sort ? new TreeMap<>((Map<String, Object>) v)
                    : (Map<String, Object>) v;
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                nl(b, indent + 1, pretty);
                quote(b, e.getKey());
                b.append(pretty ? ": " : ":");
                write(b, e.getValue(), indent + 1, pretty, sort);
            }
            nl(b, indent, pretty);
            b.append('}');
        } else if (v instanceof List) {
            List<Object> l = (List<Object>) v;
            if (l.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append('[');
            for (int k = 0; k < l.size(); k++) {
                if (k > 0) {
                    b.append(',');
                }
                nl(b, indent + 1, pretty);
                write(b, l.get(k), indent + 1, pretty, sort);
            }
            nl(b, indent, pretty);
            b.append(']');
        } else {
            throw new IllegalArgumentException("not JSON-able: " + v.getClass());
        }
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }
}
