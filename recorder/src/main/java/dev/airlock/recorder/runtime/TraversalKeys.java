package dev.airlock.recorder.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The object a traversal step of a concurrent collection takes its turn on, in {@code threads=ordered}:
 * for a {@code ConcurrentHashMap}'s view ({@code keySet()}, {@code values()}, {@code entrySet()}) or
 * iterator, the map, since making an iterator and each step of it read the map's table, which writers
 * change under way; for another concurrent collection ({@code CopyOnWriteArrayList}, ...), the collection
 * itself when an iterator is made (a copy-on-write iterator is a snapshot taken then). Its writers' calls
 * are turns on the same object, so a traversal sees on replay what it saw when recorded.
 *
 * <p>One instance per call site: most sites see one receiver class, which is not a concurrent one (an
 * {@code ArrayList}'s iterator), and the last such class is kept, so those calls cost one compare; the
 * others look the class up in a class value.
 */
final class TraversalKeys {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final String PREFIX = ConcurrentHashMap.class.getName() + "$";
    private static final Class<?>[] VIEWS = classes("KeySetView", "ValuesView", "EntrySetView");
    private static final Class<?>[] ITERATORS = classes("KeyIterator", "ValueIterator", "EntryIterator");
    private static final MethodHandle VIEW_MAP = mapField("CollectionView");
    private static final MethodHandle ITERATOR_MAP = mapField("BaseIterator");
    static final MethodHandle KEY_OF;
    static final MethodHandle IS_ORDERED;

    static {
        try {
            KEY_OF = LOOKUP.findVirtual(TraversalKeys.class, "keyOf", MethodType.methodType(Object.class, Object.class));
            IS_ORDERED = LOOKUP.findVirtual(TraversalKeys.class, "isOrdered",
                MethodType.methodType(boolean.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Whether calls on a receiver of a class take turns: a map's view or iterator, a concurrent collection. */
    private static final ClassValue<Boolean> ORDERED = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            for (int i = 0; i < VIEWS.length; i++) {
                if (c == VIEWS[i] || c == ITERATORS[i]) {
                    return VIEW_MAP != null && ITERATOR_MAP != null;
                }
            }
            return dev.airlock.bridge.Order.isConcurrent(c);
        }
    };

    /** The receiver class last seen that takes no turn. */
    private Class<?> lastPlain;

    /** Whether a call on {@code o} takes a turn (on {@link #keyOf}). */
    boolean isOrdered(Object o) {
        if (o == null) {
            return false;
        }
        Class<?> c = o.getClass();
        if (c == lastPlain) {
            return false;
        }
        if (ORDERED.get(c)) {
            return true;
        }
        lastPlain = c;
        return false;
    }

    /** The object a call on {@code o} takes its turn on; null when it takes none. */
    Object keyOf(Object o) {
        Object map = mapOf(o);
        return map != null ? map : o != null && ORDERED.get(o.getClass()) ? o : null;
    }

    /** The map {@code o} is a view or iterator of; null for anything else. */
    static Object mapOf(Object o) {
        if (o == null || VIEW_MAP == null || ITERATOR_MAP == null) {
            return null;
        }
        Class<?> c = o.getClass();
        for (int i = 0; i < VIEWS.length; i++) {
            if (c == VIEWS[i]) {
                return read(VIEW_MAP, o);
            }
            if (c == ITERATORS[i]) {
                return read(ITERATOR_MAP, o);
            }
        }
        return null;
    }

    private static Object read(MethodHandle field, Object o) {
        try {
            return (Object) field.invokeExact(o);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t); // a field read declares nothing checked
        }
    }

    private static Class<?>[] classes(String... names) {
        Class<?>[] found = new Class<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            try {
                found[i] = Class.forName(PREFIX + names[i]);
            } catch (ClassNotFoundException | LinkageError e) {
                found[i] = Void.class; // never a receiver's class
            }
        }
        return found;
    }

    private static MethodHandle mapField(String nested) {
        try {
            Class<?> c = Class.forName(PREFIX + nested);
            return MethodHandles.privateLookupIn(c, LOOKUP).findGetter(c, "map", ConcurrentHashMap.class)
                .asType(MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
