package dev.airlock.recorder.snapshot;

import java.io.File;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Set;
import java.util.Stack;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.Vector;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Renders the values a live snapshot captures (arguments, locals, the fields of {@code this}) as bounded text,
 * on the application thread, without running application code: no {@code toString}, {@code equals},
 * {@code hashCode} or getter of an application class is ever called, so taking a snapshot cannot change what
 * the program does. Application objects are shown by reading their fields; only JDK types whose methods are
 * known to be plain reads are asked anything. Output is bounded in depth, string length, elements and total
 * length, and rendering never throws.
 */
public final class ValueRenderer {

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
    private static final int MAX_BIG_NUMBER_BITS = 4096;
    private static final Object UNREADABLE = new Object();

    /** Numbers whose toString only reads their own state (not LongAccumulator: its get() runs a user function). */
    private static final Set<Class<?>> NUMBERS = Set.of(Byte.class, Short.class, Integer.class, Long.class,
        Float.class, Double.class, BigInteger.class, BigDecimal.class, AtomicInteger.class, AtomicLong.class,
        LongAdder.class, DoubleAdder.class);

    /**
     * JDK collections whose size and iteration touch only their own nodes, never another object's methods.
     * Wrappers and views (unmodifiableList of an application list, an AbstractMap's keySet) are not here:
     * iterating them can call into application code. WeakHashMap is not either: reading it expunges entries.
     */
    private static final Set<Class<?>> SELF_CONTAINED = selfContained();

    /** Size is a walk over every node: not worth it for a snapshot. */
    private static final Set<Class<?>> SIZE_IS_A_WALK = Set.of(ConcurrentLinkedQueue.class,
        ConcurrentLinkedDeque.class);

    private static final ClassValue<FieldSlot[]> FIELDS = new ClassValue<>() {
        @Override
        protected FieldSlot[] computeValue(Class<?> type) {
            return fieldSlots(type);
        }
    };

    /** The collection a java.util.Collections wrapper holds ({@code c} or {@code m}), null if unreadable. */
    private static final ClassValue<Field> DELEGATES = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            return delegateField(type);
        }
    };

    private final int maxDepth;
    private final int maxStringChars;
    private final int maxElements;
    private final int maxTotalChars;

    /**
     * @param maxDepth how many levels of containers and objects are expanded; deeper ones show as {@code Name{...}}
     * @param maxStringChars characters of a string shown before {@code ..."(N chars)}
     * @param maxElements elements of an array, collection or map shown before {@code , ...}
     * @param maxTotalChars length of a rendering before it is cut and ends in {@code ...}
     */
    public ValueRenderer(int maxDepth, int maxStringChars, int maxElements, int maxTotalChars) {
        if (maxDepth < 0 || maxStringChars < 0 || maxElements < 0 || maxTotalChars < 1) {
            throw new IllegalArgumentException("bad renderer limits: depth " + maxDepth + ", string chars "
                + maxStringChars + ", elements " + maxElements + ", total chars " + maxTotalChars);
        }
        this.maxDepth = maxDepth;
        this.maxStringChars = maxStringChars;
        this.maxElements = maxElements;
        this.maxTotalChars = maxTotalChars;
    }

    public static ValueRenderer defaults() {
        return new ValueRenderer(2, 200, 16, 2000);
    }

    /** The value as bounded text; never throws (except VirtualMachineError, which is not ours to handle). */
    public String render(Object value) {
        return render(value, 0, maxTotalChars, null);
    }

    /**
     * The fields of {@code object} (meant for {@code this}), each rendered as it would appear inside
     * {@code render(object)}: one level down, and sharing one {@code maxTotalChars} budget in field order, so
     * fields after the budget is spent show as {@code ...}. A field shadowed by a subclass field of the same
     * name is keyed {@code DeclaringClass.name}. Empty for null; never throws.
     */
    public Map<String, String> fields(Object object) {
        Map<String, String> result = new LinkedHashMap<>();
        if (object == null) {
            return result;
        }
        try {
            IdentityHashMap<Object, Boolean> path = new IdentityHashMap<>();
            int budget = maxTotalChars;
            Object fieldValue;
            for (FieldSlot slot : FIELDS.get(object.getClass())) {
                String key = result.containsKey(slot.name) ? slot.qualifiedName : slot.name;
                if (budget <= 0) {
                    result.put(key, "...");
                } else if ((fieldValue = read(slot, object)) == UNREADABLE) {
                    result.put(key, "?");
                    budget--;
                } else {
                    path.clear(); // of anything a failed rendering left behind
                    path.put(object, Boolean.TRUE);
                    String text = render(fieldValue, 1, budget, path);
                    result.put(key, text);
                    budget -= text.length();
                }
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            result.put("<unrenderable>", "<unrenderable: " + simpleName(e.getClass()) + ">");
        }
        return result;
    }

    private String render(Object value, int depth, int limit, IdentityHashMap<Object, Boolean> path) {
        Output out = new Output(limit, path);
        try {
            value(out, value, depth);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return "<unrenderable: " + simpleName(e.getClass()) + ">";
        }
        return out.finish();
    }

    /** The text being built for one value: its length budget and the objects on the current path (for cycles). */
    private static final class Output {
        final StringBuilder sb = new StringBuilder();
        final int limit;
        IdentityHashMap<Object, Boolean> path;
        boolean cut;

        Output(int limit, IdentityHashMap<Object, Boolean> path) {
            this.limit = limit;
            this.path = path;
        }

        /** True, and remembered, once there is no room for more. */
        boolean full() {
            if (sb.length() >= limit) {
                cut = true;
            }
            return cut;
        }

        /** True (and {@code <cycle>} written) if {@code value} is already being rendered further up. */
        boolean cycle(Object value) {
            if (path != null && path.containsKey(value)) {
                sb.append("<cycle>");
                return true;
            }
            return false;
        }

        void enter(Object value) {
            if (path == null) {
                path = new IdentityHashMap<>();
            }
            path.put(value, Boolean.TRUE);
        }

        void exit(Object value) {
            path.remove(value);
        }

        String finish() {
            if (!cut && sb.length() <= limit) {
                return sb.toString();
            }
            int end = Math.min(sb.length(), limit);
            if (end > 0 && Character.isHighSurrogate(sb.charAt(end - 1))) {
                end--;
            }
            sb.setLength(end);
            return sb.append("...").toString();
        }
    }

    private void value(Output out, Object value, int depth) {
        StringBuilder sb = out.sb;
        if (value == null) {
            sb.append("null");
            return;
        }
        Class<?> type = value.getClass();
        if (type == String.class || type == StringBuilder.class || type == StringBuffer.class) {
            chars(out, (CharSequence) value);
        } else if (type == Character.class) {
            sb.append('\'');
            escape(sb, (Character) value, '\'');
            sb.append('\'');
        } else if (type == Boolean.class) {
            sb.append(value);
        } else if (NUMBERS.contains(type)) {
            number(sb, value);
        } else if (value instanceof Enum) {
            sb.append(simpleName(((Enum<?>) value).getDeclaringClass())).append('.').append(((Enum<?>) value).name());
        } else if (type.isArray()) {
            array(out, value, depth);
        } else if (value instanceof Thread) {
            sb.append("Thread[").append(((Thread) value).getName()).append(']'); // getName() is final
        } else if (!isJdk(type) || !jdkValue(out, value, depth)) {
            object(out, value, depth);
        }
    }

    private void number(StringBuilder sb, Object value) {
        BigInteger digits = value instanceof BigDecimal ? ((BigDecimal) value).unscaledValue()
            : value instanceof BigInteger ? (BigInteger) value : null;
        if (digits != null && digits.bitLength() > MAX_BIG_NUMBER_BITS) {
            sb.append(simpleName(value.getClass())).append('(').append(digits.bitLength()).append(" bits)");
        } else {
            sb.append(value);
        }
    }

    /** Value-like JDK types and JDK collections; false for any other JDK object, shown as {@code Name{...}}. */
    private boolean jdkValue(Output out, Object value, int depth) {
        StringBuilder sb = out.sb;
        if (value instanceof TemporalAccessor || value instanceof TemporalAmount || value instanceof ZoneId
            || value instanceof UUID || value instanceof URI || value instanceof File || value instanceof Path
            || value instanceof OptionalInt || value instanceof OptionalLong || value instanceof OptionalDouble
            || value instanceof AtomicBoolean) {
            sb.append(value);
        } else if (value instanceof Class) {
            sb.append(((Class<?>) value).getName());
        } else if (value instanceof URL) {
            url(sb, (URL) value);
        } else if (value instanceof Date) {
            // Date.toString depends on the default time zone, and Date is mutable: show the instant it holds.
            sb.append(Instant.ofEpochMilli(((Date) value).getTime()));
        } else if (value instanceof Optional) {
            Optional<?> optional = (Optional<?>) value;
            if (optional.isPresent()) {
                holder(out, "Optional", value, optional.get(), depth);
            } else {
                sb.append("Optional.empty");
            }
        } else if (value instanceof AtomicReference) {
            holder(out, "AtomicReference", value, ((AtomicReference<?>) value).get(), depth); // get() is final
        } else if (value instanceof Collection || value instanceof Map) {
            Object contents = unwrap(value);
            if (contents == null) {
                sb.append(simpleName(value.getClass())).append("{?}");
            } else {
                container(out, value, contents, depth);
            }
        } else {
            return false;
        }
        return true;
    }

    /** {@code Name[inner]} for a JDK box around one value; it counts as a level, and may hold itself. */
    private void holder(Output out, String name, Object holder, Object inner, int depth) {
        if (out.cycle(holder)) {
            return;
        }
        out.sb.append(name).append('[');
        if (depth >= maxDepth) {
            out.sb.append("...");
        } else {
            out.enter(holder);
            value(out, inner, depth + 1);
            out.exit(holder);
        }
        out.sb.append(']');
    }

    /** URL.toString asks the protocol handler, which may be the application's; these getters only read fields. */
    private static void url(StringBuilder sb, URL url) {
        sb.append(url.getProtocol()).append(':');
        if (url.getAuthority() != null && !url.getAuthority().isEmpty()) {
            sb.append("//").append(url.getAuthority());
        }
        sb.append(url.getFile());
        if (url.getRef() != null) {
            sb.append('#').append(url.getRef());
        }
    }

    /** The self-contained collection behind {@code value} (itself, or what a Collections wrapper holds), or null. */
    private static Object unwrap(Object value) {
        Object contents = value;
        for (int i = 0; i < 4 && !SELF_CONTAINED.contains(contents.getClass()); i++) {
            Field delegate = contents.getClass().getEnclosingClass() == Collections.class
                ? DELEGATES.get(contents.getClass()) : null;
            Object inner;
            try {
                inner = delegate == null ? null : delegate.get(contents);
            } catch (IllegalAccessException e) {
                inner = null;
            }
            if (inner == null || (inner instanceof Map) != (value instanceof Map)) {
                return null;
            }
            contents = inner;
        }
        return SELF_CONTAINED.contains(contents.getClass()) ? contents : null;
    }

    private void container(Output out, Object value, Object contents, int depth) {
        StringBuilder sb = out.sb;
        if (out.cycle(value)) {
            return;
        }
        boolean map = contents instanceof Map;
        sb.append(simpleName(value.getClass()));
        if (!SIZE_IS_A_WALK.contains(contents.getClass())) {
            sb.append('(').append(map ? ((Map<?, ?>) contents).size() : ((Collection<?>) contents).size()).append(')');
        }
        if (depth >= maxDepth) {
            sb.append(map ? "{...}" : "[...]");
            return;
        }
        out.enter(value);
        sb.append(map ? '{' : '[');
        int shown = 0;
        try {
            Iterator<?> it = map ? ((Map<?, ?>) contents).entrySet().iterator() : ((Collection<?>) contents).iterator();
            while (it.hasNext()) {
                if (shown > 0) {
                    sb.append(", ");
                }
                if (shown == maxElements) {
                    sb.append("...");
                    break;
                }
                if (out.full()) {
                    break;
                }
                Object element = it.next();
                if (map) {
                    Map.Entry<?, ?> entry = (Map.Entry<?, ?>) element;
                    value(out, entry.getKey(), depth + 1);
                    sb.append('=');
                    value(out, entry.getValue(), depth + 1);
                } else {
                    value(out, element, depth + 1);
                }
                shown++;
            }
        } catch (RuntimeException e) {
            // Changed under our feet (ConcurrentModificationException, a resize seen half-way): show what we saw.
            sb.append(shown > 0 ? ", <changing>" : "<changing>");
        }
        sb.append(map ? '}' : ']');
        out.exit(value);
    }

    private void array(Output out, Object array, int depth) {
        StringBuilder sb = out.sb;
        if (out.cycle(array)) {
            return;
        }
        int length = Array.getLength(array);
        sb.append(simpleName(array.getClass().getComponentType())).append('[').append(length).append(']');
        if (depth >= maxDepth) {
            sb.append("{...}");
            return;
        }
        out.enter(array);
        sb.append('{');
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (i == maxElements) {
                sb.append("...");
                break;
            }
            if (out.full()) {
                break;
            }
            value(out, Array.get(array, i), depth + 1);
        }
        sb.append('}');
        out.exit(array);
    }

    /** Any other object, by its fields: {@code Name{a=1, b="x"}}; JDK superclasses' fields are left out. */
    private void object(Output out, Object value, int depth) {
        if (out.cycle(value)) {
            return;
        }
        StringBuilder sb = out.sb;
        sb.append(simpleName(value.getClass()));
        if (depth >= maxDepth) {
            sb.append("{...}");
            return;
        }
        out.enter(value);
        sb.append('{');
        FieldSlot[] slots = FIELDS.get(value.getClass());
        for (int i = 0; i < slots.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (out.full()) {
                break;
            }
            sb.append(slots[i].name).append('=');
            Object fieldValue = read(slots[i], value);
            if (fieldValue == UNREADABLE) {
                sb.append('?');
            } else {
                value(out, fieldValue, depth + 1);
            }
        }
        sb.append('}');
        out.exit(value);
    }

    private void chars(Output out, CharSequence chars) {
        StringBuilder sb = out.sb;
        int start = sb.length();
        try {
            int length = chars.length();
            int shown = Math.min(length, maxStringChars);
            if (shown > 0 && shown < length && Character.isHighSurrogate(chars.charAt(shown - 1))) {
                shown--;
            }
            sb.append('"');
            for (int i = 0; i < shown; i++) {
                if (sb.length() > out.limit) {
                    out.cut = true;
                    return;
                }
                char c = chars.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < shown && Character.isLowSurrogate(chars.charAt(i + 1))) {
                    sb.append(c).append(chars.charAt(++i));
                } else {
                    escape(sb, c, '"');
                }
            }
            sb.append(shown < length ? "...\"(" : "\"");
            if (shown < length) {
                sb.append(length).append(" chars)");
            }
        } catch (RuntimeException e) {
            // A StringBuilder another thread is changing.
            sb.setLength(start);
            sb.append("<changing>");
        }
    }

    /** Appends {@code c} as it would appear in Java source between {@code quote}s, keeping the output one line. */
    private static void escape(StringBuilder sb, char c, char quote) {
        switch (c) {
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\\' -> sb.append("\\\\");
            default -> {
                if (c == quote) {
                    sb.append('\\').append(c);
                } else if (c < ' ' || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029'
                    || Character.isSurrogate(c)) {
                    // Lone surrogates too: they would not survive encoding to UTF-8.
                    sb.append("\\u").append(Character.forDigit(c >> 12, 16)).append(Character.forDigit(c >> 8 & 15, 16))
                        .append(Character.forDigit(c >> 4 & 15, 16)).append(Character.forDigit(c & 15, 16));
                } else {
                    sb.append(c);
                }
            }
        }
    }

    /** Loaded by the bootstrap or platform loader: part of the JDK, not the application. */
    private static boolean isJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == PLATFORM;
    }

    private static String simpleName(Class<?> type) {
        String name;
        try {
            name = type.getSimpleName();
        } catch (LinkageError e) { // an inconsistent InnerClasses attribute, as some obfuscators write
            name = "";
        }
        return name.isEmpty() ? type.getName().substring(type.getName().lastIndexOf('.') + 1) : name; // anonymous
    }

    /** A non-static field to show; {@code field} is null if it cannot be made accessible (shown as {@code ?}). */
    private static final class FieldSlot {
        final String name;
        final String qualifiedName;
        final Field field;

        FieldSlot(Field field, boolean accessible) {
            this.name = field.getName();
            this.qualifiedName = simpleName(field.getDeclaringClass()) + "." + name;
            this.field = accessible ? field : null;
        }
    }

    private static Object read(FieldSlot slot, Object target) {
        if (slot.field == null) {
            return UNREADABLE;
        }
        try {
            return slot.field.get(target);
        } catch (IllegalAccessException | RuntimeException e) {
            return UNREADABLE;
        }
    }

    /** Non-static fields of the class and its non-JDK superclasses, superclasses first. */
    private static FieldSlot[] fieldSlots(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && !isJdk(c); c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<FieldSlot> slots = new ArrayList<>();
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    slots.add(new FieldSlot(f, trySetAccessible(f)));
                }
            }
        }
        return slots.toArray(new FieldSlot[0]);
    }

    private static boolean trySetAccessible(Field f) {
        try {
            return f.trySetAccessible();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Field delegateField(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if ((f.getName().equals("c") || f.getName().equals("m")) && !Modifier.isStatic(f.getModifiers())) {
                    return trySetAccessible(f) ? f : null;
                }
            }
        }
        return null;
    }

    private static Set<Class<?>> selfContained() {
        List<Object> samples = List.of(new ArrayList<>(), new LinkedList<>(), new Vector<>(), new Stack<>(),
            new ArrayDeque<>(), new PriorityQueue<>(), new HashSet<>(), new LinkedHashSet<>(), new TreeSet<>(),
            new HashMap<>(), new LinkedHashMap<>(), new TreeMap<>(), new IdentityHashMap<>(), new Hashtable<>(),
            new Properties(), new EnumMap<>(Thread.State.class), EnumSet.noneOf(Thread.State.class),
            new ConcurrentHashMap<>(), new ConcurrentSkipListMap<>(), new ConcurrentSkipListSet<>(),
            new CopyOnWriteArrayList<>(), new CopyOnWriteArraySet<>(), new ConcurrentLinkedQueue<>(),
            new ConcurrentLinkedDeque<>(), new LinkedBlockingQueue<>(), new LinkedBlockingDeque<>(),
            new ArrayBlockingQueue<>(1), new PriorityBlockingQueue<>(),
            List.of(), List.of(1), List.of(1, 2, 3), Set.of(), Set.of(1), Set.of(1, 2, 3),
            Map.of(), Map.of(1, 1), Map.of(1, 1, 2, 2), Arrays.asList(), Collections.emptyList(),
            Collections.emptySet(), Collections.emptyMap(), Collections.singletonList(1), Collections.singleton(1),
            Collections.singletonMap(1, 1), Collections.nCopies(1, 1), new ArrayList<>().subList(0, 0),
            // Views whose size() reads a field; TreeMap's and ConcurrentHashMap's call the map's overridable size().
            new HashMap<>().keySet(), new HashMap<>().values(), new LinkedHashMap<>().keySet(),
            new LinkedHashMap<>().values());
        Set<Class<?>> types = new HashSet<>();
        for (Object sample : samples) {
            types.add(sample.getClass());
        }
        try {
            types.add(Class.forName("java.util.JumboEnumSet")); // EnumSet of an enum with more than 64 constants
        } catch (ClassNotFoundException e) {
            // Another JDK's EnumSet: such sets are shown as {?}.
        }
        return Set.copyOf(types);
    }
}
