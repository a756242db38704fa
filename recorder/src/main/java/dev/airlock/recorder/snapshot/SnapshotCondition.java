package dev.airlock.recorder.snapshot;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The condition of a live snapshot point, such as {@code order.total >= 100 && !this.closed}: comparisons of
 * literals and field paths over the locals, parameters and {@code this}, joined by {@code !}, {@code &&} and
 * {@code ||}. The snapshot agent parses it once when the point is set and tests it on the application thread
 * each time the line runs, so the language has no method calls, arithmetic or assignment: evaluating it reads
 * fields by reflection and never runs application code. Parse errors are one-line
 * {@link IllegalArgumentException}s; evaluation errors are {@link EvaluationException}s.
 *
 * <pre>
 * or         := and ('||' and)*
 * and        := unary ('&amp;&amp;' unary)*
 * unary      := '!' unary | comparison
 * comparison := operand (('==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') operand)?
 * operand    := literal | path | '(' or ')'
 * path       := IDENT ('.' IDENT)*       the first names a local, a parameter or this; a.b reads field b
 * literal    := -12 | 12L | 1.5 | 1e3 | "text" (escapes \" \\ \n \t) | true | false | null
 * </pre>
 */
public final class SnapshotCondition {

    /** A condition that parsed but cannot be evaluated on these values; the message is one line. */
    public static final class EvaluationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public EvaluationException(String message, Throwable cause) {
            // No stack trace: it would show our evaluator, not the user's mistake, and costs time on app threads.
            super(message, cause, false, false);
        }

        public EvaluationException(String message) {
            this(message, null);
        }
    }

    static final int MAX_LENGTH = 1000;
    static final int MAX_NESTING = 50;

    private final String text;
    private final Node root;
    private final Set<String> roots;
    private final List<List<String>> paths;

    private SnapshotCondition(String text, Node root, Set<String> roots, List<List<String>> paths) {
        this.text = text;
        this.root = root;
        this.roots = roots;
        this.paths = paths;
    }

    /** Parses {@code text}, or throws an {@link IllegalArgumentException} saying on one line what and where. */
    public static SnapshotCondition parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("bad condition '" + (text == null ? "" : oneLine(text))
                + "': the condition is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("bad condition '" + oneLine(text) + "': longer than " + MAX_LENGTH
                + " characters (" + text.length() + ")");
        }
        ConditionParser parser = new ConditionParser(text);
        Node root = parser.parse();
        return new SnapshotCondition(text, root, Collections.unmodifiableSet(parser.roots),
            List.copyOf(parser.paths));
    }

    /** The first identifier of every path, in order of first appearance: the variables {@link #test} asks for. */
    public Set<String> roots() {
        return roots;
    }

    /** Every distinct path, in order of first appearance, as its identifiers ({@code [order, total]}). */
    public List<List<String>> paths() {
        return paths;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Evaluates the condition; {@code variables} gives the value of each of {@link #roots()}. Throws only
     * {@link EvaluationException}: anything the variables function throws is wrapped into one too.
     */
    public boolean test(Function<String, Object> variables) {
        try {
            return root.test(variables);
        } catch (EvaluationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EvaluationException("cannot evaluate '" + oneLine(text) + "': " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())), e);
        }
    }

    /** {@code text} fit for one line of a message: control characters escaped, at most 200 characters. */
    static String oneLine(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), 210));
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            if (c < ' ' || c == 0x7f || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return text.length() > 200 ? sb.append("...").toString() : sb.toString();
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String name = value.getClass().getSimpleName();
        return name.isEmpty() ? value.getClass().getName() : name;
    }

    /** A parsed piece of the condition; {@code source} is its text, for messages. */
    abstract static class Node {
        final String source;

        Node(String source) {
            this.source = source;
        }

        abstract Object value(Function<String, Object> variables);

        boolean test(Function<String, Object> variables) {
            Object value = value(variables);
            if (value instanceof Boolean) {
                return (Boolean) value;
            }
            throw new EvaluationException("'" + source + "' is " + describe(value) + ", not a boolean");
        }
    }

    /** A node whose value is always a boolean; it computes the primitive and boxes only when asked. */
    abstract static class BooleanNode extends Node {
        BooleanNode(String source) {
            super(source);
        }

        @Override
        final Object value(Function<String, Object> variables) {
            return test(variables) ? Boolean.TRUE : Boolean.FALSE;
        }

        @Override
        abstract boolean test(Function<String, Object> variables);
    }

    static final class Literal extends Node {
        private final Object constant;

        Literal(String source, Object constant) {
            super(source);
            this.constant = constant;
        }

        @Override
        Object value(Function<String, Object> variables) {
            return constant;
        }
    }

    static final class Not extends BooleanNode {
        private final Node operand;

        Not(String source, Node operand) {
            super(source);
            this.operand = operand;
        }

        @Override
        boolean test(Function<String, Object> variables) {
            return !operand.test(variables);
        }
    }

    /** {@code &&} ({@code and}) or {@code ||} over two or more operands, left to right, short-circuiting. */
    static final class Junction extends BooleanNode {
        private final boolean and;
        private final Node[] operands;

        Junction(String source, boolean and, Node[] operands) {
            super(source);
            this.and = and;
            this.operands = operands;
        }

        @Override
        boolean test(Function<String, Object> variables) {
            for (Node operand : operands) {
                if (operand.test(variables) != and) {
                    return !and;
                }
            }
            return and;
        }
    }

    static final class Comparison extends BooleanNode {
        private final int op;
        private final Node left;
        private final Node right;

        Comparison(String source, int op, Node left, Node right) {
            super(source);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(Function<String, Object> variables) {
            return Comparisons.compare(op, left.value(variables), right.value(variables), source);
        }
    }

    /** {@code root.field.field}: reads the fields by reflection; a null on the way makes the whole path null. */
    static final class Path extends Node {
        private static final ClassValue<ConcurrentHashMap<String, Object>> FIELDS = new ClassValue<>() {
            @Override
            protected ConcurrentHashMap<String, Object> computeValue(Class<?> type) {
                return new ConcurrentHashMap<>();
            }
        };

        private final String root;
        private final String[] fields;

        Path(String source, List<String> names) {
            super(source);
            this.root = names.get(0);
            this.fields = names.subList(1, names.size()).toArray(new String[0]);
        }

        @Override
        Object value(Function<String, Object> variables) {
            Object value = variables.apply(root);
            for (String field : fields) {
                if (value == null) {
                    return null;
                }
                value = read(value, field);
            }
            return value;
        }

        private Object read(Object target, String name) {
            Class<?> type = target.getClass();
            if (type.isArray()) {
                if (name.equals("length")) {
                    return Array.getLength(target);
                }
                throw new EvaluationException("cannot read '" + source + "': " + type.getSimpleName()
                    + " has no field '" + name + "', only 'length'");
            }
            ConcurrentHashMap<String, Object> cache = FIELDS.get(type);
            Object found = cache.get(name);
            if (found == null) {
                found = lookUp(type, name);
                cache.putIfAbsent(name, found);
            }
            if (!(found instanceof Field)) {
                throw new EvaluationException("cannot read '" + source + "': " + found);
            }
            try {
                return ((Field) found).get(target);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new EvaluationException("cannot read '" + source + "': field '" + name + "' of "
                    + type.getName() + " failed with " + e.getClass().getSimpleName(), e);
            }
        }

        /** The accessible field, or why there is none (cached too, so a bad path fails fast every time). */
        private static Object lookUp(Class<?> type, String name) {
            try {
                for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (f.getName().equals(name) && !Modifier.isStatic(f.getModifiers())) {
                            f.setAccessible(true);
                            return f;
                        }
                    }
                }
                return "no field '" + name + "' in " + type.getName();
            } catch (RuntimeException | LinkageError e) {
                return "field '" + name + "' of " + type.getName() + " is not accessible ("
                    + e.getClass().getSimpleName() + ")";
            }
        }
    }

    /** Recursive descent over the grammar in {@link SnapshotCondition}; collects the paths as it goes. */
    static final class ConditionParser {
        final Set<String> roots = new LinkedHashSet<>();
        final List<List<String>> paths = new ArrayList<>();
        private final ConditionLexer lexer;
        private int nesting;

        ConditionParser(String text) {
            this.lexer = new ConditionLexer(text);
        }

        Node parse() {
            lexer.advance();
            Node node = or();
            if (lexer.type != ConditionLexer.END) {
                throw lexer.error("unexpected '" + lexer.tokenText() + "'", lexer.start);
            }
            return node;
        }

        private Node or() {
            int start = lexer.start;
            Node first = and();
            if (lexer.type != ConditionLexer.OR) {
                return first;
            }
            List<Node> operands = new ArrayList<>(List.of(first));
            while (lexer.type == ConditionLexer.OR) {
                lexer.advance();
                operands.add(and());
            }
            return new Junction(lexer.sourceFrom(start), false, operands.toArray(new Node[0]));
        }

        private Node and() {
            int start = lexer.start;
            Node first = unary();
            if (lexer.type != ConditionLexer.AND) {
                return first;
            }
            List<Node> operands = new ArrayList<>(List.of(first));
            while (lexer.type == ConditionLexer.AND) {
                lexer.advance();
                operands.add(unary());
            }
            return new Junction(lexer.sourceFrom(start), true, operands.toArray(new Node[0]));
        }

        private Node unary() {
            int start = lexer.start;
            if (lexer.type != ConditionLexer.NOT) {
                return comparison();
            }
            deeper(start);
            lexer.advance();
            Node operand = unary();
            nesting--;
            return new Not(lexer.sourceFrom(start), operand);
        }

        private Node comparison() {
            int start = lexer.start;
            Node left = operand();
            if (lexer.type != ConditionLexer.COMPARE) {
                return left;
            }
            int op = (Integer) lexer.value;
            lexer.advance();
            Node right = operand();
            return new Comparison(lexer.sourceFrom(start), op, left, right);
        }

        private Node operand() {
            int start = lexer.start;
            switch (lexer.type) {
                case ConditionLexer.LITERAL:
                    Object constant = lexer.value;
                    lexer.advance();
                    return new Literal(lexer.sourceFrom(start), constant);
                case ConditionLexer.IDENTIFIER:
                    return path(start);
                case ConditionLexer.OPEN:
                    deeper(start);
                    lexer.advance();
                    Node inner = or();
                    if (lexer.type != ConditionLexer.CLOSE) {
                        throw lexer.error("expected ')'", lexer.start);
                    }
                    lexer.advance();
                    nesting--;
                    return inner;
                default:
                    throw lexer.error("expected a value", start);
            }
        }

        private Node path(int start) {
            List<String> names = new ArrayList<>();
            names.add((String) lexer.value);
            lexer.advance();
            while (lexer.type == ConditionLexer.DOT) {
                lexer.advance();
                if (lexer.type != ConditionLexer.IDENTIFIER) {
                    throw lexer.error("expected a field name after '.'", lexer.start);
                }
                names.add((String) lexer.value);
                lexer.advance();
            }
            if (lexer.type == ConditionLexer.OPEN) {
                throw lexer.error("method calls are not allowed", lexer.start);
            }
            roots.add(names.get(0));
            List<String> path = List.copyOf(names);
            if (!paths.contains(path)) {
                paths.add(path);
            }
            return new Path(lexer.sourceFrom(start), names);
        }

        private void deeper(int at) {
            if (++nesting > MAX_NESTING) {
                throw lexer.error("nesting deeper than " + MAX_NESTING, at);
            }
        }
    }

    /** Splits the text into tokens on demand; {@code start} is the current token's index, for error columns. */
    static final class ConditionLexer {
        static final int END = 0;
        static final int IDENTIFIER = 1;
        static final int LITERAL = 2;
        static final int OPEN = 3;
        static final int CLOSE = 4;
        static final int DOT = 5;
        static final int NOT = 6;
        static final int AND = 7;
        static final int OR = 8;
        static final int COMPARE = 9;

        private final String text;
        private int pos;
        private int previousEnd;
        int type;
        int start;
        Object value;

        ConditionLexer(String text) {
            this.text = text;
        }

        IllegalArgumentException error(String what, int index) {
            return new IllegalArgumentException("bad condition '" + oneLine(text) + "': " + what + " at column "
                + (index + 1));
        }

        String tokenText() {
            return oneLine(text.substring(start, pos));
        }

        /** The text from {@code from} to the end of the last token consumed, fit for a one-line message. */
        String sourceFrom(int from) {
            return oneLine(text.substring(from, previousEnd));
        }

        void advance() {
            previousEnd = pos;
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            start = pos;
            value = null;
            if (pos == text.length()) {
                type = END;
                return;
            }
            char c = text.charAt(pos);
            switch (c) {
                case '(' -> single(OPEN);
                case ')' -> single(CLOSE);
                case '.' -> single(DOT);
                case '!' -> {
                    if (!twoChar('=', COMPARE, Comparisons.NE)) {
                        single(NOT);
                    }
                }
                case '<' -> {
                    if (!twoChar('=', COMPARE, Comparisons.LE)) {
                        single(COMPARE);
                        value = Comparisons.LT;
                    }
                }
                case '>' -> {
                    if (!twoChar('=', COMPARE, Comparisons.GE)) {
                        single(COMPARE);
                        value = Comparisons.GT;
                    }
                }
                case '=' -> required('=', COMPARE, Comparisons.EQ, "'=' is not an operator, use '=='");
                case '&' -> required('&', AND, null, "expected '&&'");
                case '|' -> required('|', OR, null, "expected '||'");
                case '"' -> string();
                default -> {
                    if (c == '-' || isDigit(c)) {
                        number();
                    } else if (Character.isJavaIdentifierStart(c)) {
                        identifier();
                    } else {
                        throw error("unexpected character '" + oneLine(String.valueOf(c)) + "'", pos);
                    }
                }
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private void single(int tokenType) {
            type = tokenType;
            pos++;
        }

        private boolean twoChar(char second, int tokenType, Object tokenValue) {
            if (pos + 1 < text.length() && text.charAt(pos + 1) == second) {
                type = tokenType;
                value = tokenValue;
                pos += 2;
                return true;
            }
            return false;
        }

        private void required(char second, int tokenType, Object tokenValue, String otherwise) {
            if (!twoChar(second, tokenType, tokenValue)) {
                throw error(otherwise, pos);
            }
        }

        private void identifier() {
            while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
                pos++;
            }
            String word = text.substring(start, pos);
            type = LITERAL;
            switch (word) {
                case "true" -> value = Boolean.TRUE;
                case "false" -> value = Boolean.FALSE;
                case "null" -> value = null;
                default -> {
                    type = IDENTIFIER;
                    value = word;
                }
            }
        }

        private void string() {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string", start);
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    if (pos == text.length()) {
                        throw error("unterminated string", start);
                    }
                    char e = text.charAt(pos);
                    switch (e) {
                        case '"', '\\' -> sb.append(e);
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        default -> throw error("unknown escape '\\" + oneLine(String.valueOf(e))
                            + "' (use \\\" \\\\ \\n \\t)", pos - 1);
                    }
                    pos++;
                } else {
                    sb.append(c);
                }
            }
            type = LITERAL;
            value = sb.toString();
        }

        /** {@code -12}, {@code 12L}, {@code 1.5}, {@code 1e3}: a Long (BigInteger if larger) or a BigDecimal. */
        private void number() {
            if (text.charAt(pos) == '-') {
                pos++;
                if (pos == text.length() || !isDigit(text.charAt(pos))) {
                    throw error("'-' is only allowed before a number", start);
                }
            }
            digits();
            boolean decimal = false;
            if (pos + 1 < text.length() && text.charAt(pos) == '.' && isDigit(text.charAt(pos + 1))) {
                pos++;
                digits();
                decimal = true;
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos == text.length() || !isDigit(text.charAt(pos))) {
                    throw error("malformed number", start);
                }
                digits();
                decimal = true;
            }
            String number = text.substring(start, pos);
            boolean longSuffix = !decimal && pos < text.length()
                && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l');
            if (longSuffix) {
                pos++;
            }
            if (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
                throw error("malformed number", start);
            }
            type = LITERAL;
            if (decimal) {
                try {
                    value = new BigDecimal(number);
                } catch (NumberFormatException e) {
                    throw error("number out of range", start);
                }
                return;
            }
            BigInteger integer = new BigInteger(number);
            if (integer.bitLength() < Long.SIZE) {
                value = integer.longValue();
            } else if (longSuffix) {
                throw error("number too large for a long", start);
            } else {
                value = integer;
            }
        }

        private void digits() {
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
    }

    /**
     * The meaning of {@code == != < <= > >=}: numbers and characters by value across types, strings by content,
     * an enum against a string by name, booleans by value, anything else by identity. Null is only equal to null
     * and never ordered.
     */
    static final class Comparisons {
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
}
