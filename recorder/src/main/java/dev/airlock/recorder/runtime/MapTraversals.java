package dev.airlock.recorder.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which {@code ConcurrentHashMap} a view ({@code keySet()}, {@code values()}, {@code entrySet()}) or an
 * iterator of one belongs to. In {@code threads=ordered}, making an iterator and each step of it read
 * the map's table, which writers change under way: each is a turn on the map, as its writers' calls
 * are, so a traversal sees on replay what it saw when recorded.
 */
final class MapTraversals {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final String PREFIX = ConcurrentHashMap.class.getName() + "$";
    private static final Class<?>[] VIEWS = classes("KeySetView", "ValuesView", "EntrySetView");
    private static final Class<?>[] ITERATORS = classes("KeyIterator", "ValueIterator", "EntryIterator");
    private static final MethodHandle VIEW_MAP = mapField("CollectionView");
    private static final MethodHandle ITERATOR_MAP = mapField("BaseIterator");
    static final MethodHandle MAP_OF;
    static final MethodHandle IS_PART;

    static {
        try {
            MAP_OF = LOOKUP.findStatic(MapTraversals.class, "mapOf", MethodType.methodType(Object.class, Object.class));
            IS_PART = LOOKUP.findStatic(MapTraversals.class, "isPart", MethodType.methodType(boolean.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private MapTraversals() {
    }

    /** Whether {@code o} is a view or iterator of a {@code ConcurrentHashMap} (and the map can be read). */
    static boolean isPart(Object o) {
        return mapOf(o) != null;
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
