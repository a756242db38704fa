package dev.airlock.bridge;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Finds the JDK's internal methods, fields and constants the bridge calls, each one or null when this
 * JDK does not have it (the caller's {@code ready()} then turns its rules off). Types the bridge cannot
 * name (JDK-internal and package-private ones) are taken as Object in the handles it returns.
 */
final class JdkLookup {

    private JdkLookup() {
    }

    static Class<?> type(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    static MethodHandle virtual(Class<?> owner, String name, Class<?> ret, Class<?>... params) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
                .findVirtual(owner, name, MethodType.methodType(ret, params));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** A virtual method of a type the bridge cannot name: the receiver (and such arguments) as Object. */
    static MethodHandle virtualIn(Class<?> owner, String name, Class<?> ret, Class<?>... params) {
        if (owner == null || hasNull(params)) {
            return null;
        }
        MethodHandle h = virtual(owner, name, ret, params);
        return h == null ? null : h.asType(erase(h.type()));
    }

    static MethodHandle statik(Class<?> owner, String name, Class<?> ret, Class<?>... params) {
        if (owner == null || hasNull(params)) {
            return null;
        }
        try {
            MethodHandle h = MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
                .findStatic(owner, name, MethodType.methodType(ret, params));
            return h.asType(erase(h.type()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static MethodHandle constructor(Class<?> owner, Class<?>... params) {
        if (owner == null) {
            return null;
        }
        try {
            MethodHandle h = MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
                .findConstructor(owner, MethodType.methodType(void.class, params));
            return h.asType(h.type().changeReturnType(Exception.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** JDK-internal and package-private types become Object; the bridge names only public java types. */
    static MethodType erase(MethodType type) {
        MethodType erased = type;
        for (int i = 0; i < type.parameterCount(); i++) {
            Class<?> p = type.parameterType(i);
            if (!p.isPrimitive() && !p.isArray() && !isPublicJava(p)) {
                erased = erased.changeParameterType(i, Object.class);
            }
        }
        return erased;
    }

    static boolean isPublicJava(Class<?> c) {
        return Modifier.isPublic(c.getModifiers()) && c.getName().startsWith("java.");
    }

    static boolean hasNull(Class<?>[] types) {
        for (Class<?> t : types) {
            if (t == null) {
                return true;
            }
        }
        return false;
    }

    static Field field(Class<?> owner, String name) {
        if (owner == null) {
            return null;
        }
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static int intConstant(String className, String field, int fallback) {
        try {
            Field f = Class.forName(className, false, null).getDeclaredField(field);
            f.setAccessible(true);
            return f.getInt(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return fallback;
        }
    }
}
