package dev.airlock.recorder.snapshot;

import static dev.airlock.recorder.snapshot.SnapshotCondition.describe;

import dev.airlock.recorder.snapshot.SnapshotCondition.EvaluationException;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The meaning of {@code == != < <= > >=}: numbers and characters by value across types, strings by content,
 * an enum against a string by name, booleans by value, anything else by identity. Null is only equal to null
 * and never ordered.
 */
final class Comparisons {
    static final int EQ = 0;
    static final int NE = 1;
    static final int LT = 2;
    static final int LE = 3;
    static final int GT = 4;
    static final int GE = 5;

    private static final int NOT_A_NUMBER = 0;
    private static final int INTEGRAL = 1;
    private static final int BIG_INTEGER = 2;
    private static final int FLOATING = 3;
    private static final int BIG_DECIMAL = 4;

    private Comparisons() {
    }

    static boolean compare(int op, Object a, Object b, String source) {
        if (a == null || b == null) {
            return op == EQ ? a == b : op == NE && a != b;
        }
        int ka = numberKind(a.getClass());
        int kb = numberKind(b.getClass());
        if (ka != NOT_A_NUMBER && kb != NOT_A_NUMBER) {
            return numbers(op, a, ka, b, kb);
        }
        String sa = asText(a);
        String sb = asText(b);
        if (sa != null && sb != null && (a instanceof String || b instanceof String)) {
            return op == EQ ? sa.equals(sb) : op == NE ? !sa.equals(sb) : order(op, sa.compareTo(sb));
        }
        boolean plainA = ka == NOT_A_NUMBER && !(a instanceof String) && !(a instanceof Boolean);
        boolean plainB = kb == NOT_A_NUMBER && !(b instanceof String) && !(b instanceof Boolean);
        boolean booleans = a instanceof Boolean && b instanceof Boolean;
        if (!booleans && !(plainA && plainB)) {
            throw new EvaluationException("cannot compare " + describe(a) + " with " + describe(b) + " in '"
                + source + "'");
        }
        if (op == EQ || op == NE) {
            // Boolean.TRUE and FALSE are not the only Boolean instances, so compare booleans by value.
            boolean same = booleans ? (Boolean) a == ((Boolean) b).booleanValue() : a == b;
            return same == (op == EQ);
        }
        if (a instanceof Enum && b instanceof Enum
            && ((Enum<?>) a).getDeclaringClass() == ((Enum<?>) b).getDeclaringClass()) {
            return order(op, Integer.compare(((Enum<?>) a).ordinal(), ((Enum<?>) b).ordinal()));
        }
        throw new EvaluationException("cannot order " + describe(a) + " and " + describe(b) + " in '"
            + source + "'");
    }

    /** A string, an enum's name or a character as a string; null for anything else. */
    private static String asText(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof Enum) {
            return ((Enum<?>) value).name();
        }
        return value instanceof Character ? value.toString() : null;
    }

    /** Exact classes only: a subclass of BigInteger or BigDecimal could run application code. */
    private static int numberKind(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
            || type == Character.class) {
            return INTEGRAL;
        }
        if (type == Double.class || type == Float.class) {
            return FLOATING;
        }
        if (type == BigDecimal.class) {
            return BIG_DECIMAL;
        }
        return type == BigInteger.class ? BIG_INTEGER : NOT_A_NUMBER;
    }

    private static boolean numbers(int op, Object a, int ka, Object b, int kb) {
        if (ka == INTEGRAL && kb == INTEGRAL) {
            return order(op, Long.compare(longValue(a), longValue(b)));
        }
        if ((ka == INTEGRAL || ka == BIG_INTEGER) && (kb == INTEGRAL || kb == BIG_INTEGER)) {
            return order(op, bigInteger(a, ka).compareTo(bigInteger(b, kb)));
        }
        if (ka == FLOATING && !Double.isFinite(((Number) a).doubleValue())
            || kb == FLOATING && !Double.isFinite(((Number) b).doubleValue())) {
            double da = doubleValue(a);
            double db = doubleValue(b);
            if (Double.isNaN(da) || Double.isNaN(db)) {
                return op == NE;
            }
            return order(op, Double.compare(da, db));
        }
        return order(op, bigDecimal(a, ka).compareTo(bigDecimal(b, kb)));
    }

    private static long longValue(Object n) {
        return n instanceof Character ? (Character) n : ((Number) n).longValue();
    }

    private static double doubleValue(Object n) {
        return n instanceof Character ? (Character) n : ((Number) n).doubleValue();
    }

    private static BigInteger bigInteger(Object n, int kind) {
        return kind == BIG_INTEGER ? (BigInteger) n : BigInteger.valueOf(longValue(n));
    }

    /** Floats and doubles by their shortest decimal form, so that {@code 0.1f == 0.1} as people expect. */
    private static BigDecimal bigDecimal(Object n, int kind) {
        return switch (kind) {
            case BIG_DECIMAL -> (BigDecimal) n;
            case BIG_INTEGER -> new BigDecimal((BigInteger) n);
            case FLOATING -> n instanceof Float ? new BigDecimal(n.toString()) : BigDecimal.valueOf((Double) n);
            default -> BigDecimal.valueOf(longValue(n));
        };
    }

    private static boolean order(int op, int comparison) {
        return switch (op) {
            case EQ -> comparison == 0;
            case NE -> comparison != 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            case GT -> comparison > 0;
            default -> comparison >= 0;
        };
    }
}
