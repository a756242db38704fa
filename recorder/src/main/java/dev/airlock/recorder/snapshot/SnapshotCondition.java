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

}
