package dev.airlock.recorder.snapshot;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Type;

/**
 * Checks a condition against the places a line was found, before anything is injected: every name it
 * starts from must be a variable there (or {@code this}), and every field it reads must exist on the
 * declared type, where that type is concrete enough to tell. Locations where a name is missing (a
 * lambda on the same line, say) are left out; if none is left, the request is refused.
 */
final class ConditionCheck {

    private ConditionCheck() {
    }

    static Map<Class<?>, List<LineLocator.Location>> usable(Map<Class<?>, List<LineLocator.Location>> found,
                                                             SnapshotCondition condition, SnapshotRequest request) {
        if (condition == null) {
            return found;
        }
        Map<Class<?>, List<LineLocator.Location>> usable = new LinkedHashMap<>();
        Set<String> seenNames = new LinkedHashSet<>();
        String missing = null;
        for (Map.Entry<Class<?>, List<LineLocator.Location>> e : found.entrySet()) {
            for (LineLocator.Location location : e.getValue()) {
                Set<String> names = new LinkedHashSet<>(location.names());
                if (location.hasThis()) {
                    names.add("this");
                }
                seenNames.addAll(names);
                String absent = null;
                for (String root : condition.roots()) {
                    if (!names.contains(root)) {
                        absent = root;
                        break;
                    }
                }
                if (absent != null) {
                    missing = absent;
                    continue;
                }
                for (List<String> path : condition.paths()) {
                    checkFields(e.getKey(), location, path, request);
                }
                usable.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(location);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("the condition names '" + missing + "', which is not a variable at "
                + request.className() + ":" + request.line() + " (there: "
                + (seenNames.isEmpty() ? "none" : String.join(", ", seenNames)) + ")");
        }
        return usable;
    }

    private static void checkFields(Class<?> owner, LineLocator.Location location, List<String> path,
                                    SnapshotRequest request) {
        Class<?> type;
        String root = path.get(0);
        if (root.equals("this")) {
            type = owner;
        } else {
            type = declaredType(owner.getClassLoader(), descriptorOf(location, root));
        }
        String walked = root;
        for (int i = 1; i < path.size() && type != null; i++) {
            String name = path.get(i);
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("the condition reads '" + walked + "." + name + "', but " + walked
                    + " is a " + type.getName() + " and has no fields");
            }
            if (type.isArray()) {
                if (!name.equals("length") || i != path.size() - 1) {
                    throw new IllegalArgumentException("the condition reads '" + walked + "." + name + "', but " + walked
                        + " is an array: only .length can be read");
                }
                return;
            }
            Field field = find(type, name);
            if (field == null) {
                if (type.isInterface() || type == Object.class || Modifier.isAbstract(type.getModifiers())) {
                    return; // the runtime class decides
                }
                throw new IllegalArgumentException("the condition reads '" + walked + "." + name + "', but "
                    + type.getName() + " has no field '" + name + "' (at " + request.className() + ":" + request.line() + ")");
            }
            type = field.getType();
            walked = walked + "." + name;
        }
    }

    private static String descriptorOf(LineLocator.Location location, String name) {
        for (LineLocator.Variable v : location.variables()) {
            if (v.name().equals(name)) {
                return v.descriptor();
            }
        }
        return "Ljava/lang/Object;";
    }

    /** The class a descriptor names, without initialising it; null when it cannot be loaded. */
    private static Class<?> declaredType(ClassLoader loader, String descriptor) {
        Type t = Type.getType(descriptor);
        switch (t.getSort()) {
            case Type.BOOLEAN: return boolean.class;
            case Type.CHAR: return char.class;
            case Type.BYTE: return byte.class;
            case Type.SHORT: return short.class;
            case Type.INT: return int.class;
            case Type.FLOAT: return float.class;
            case Type.LONG: return long.class;
            case Type.DOUBLE: return double.class;
            default:
                try {
                    String name = t.getSort() == Type.ARRAY ? t.getDescriptor().replace('/', '.') : t.getClassName();
                    return Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    return null;
                }
        }
    }

    private static Field find(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name) && !Modifier.isStatic(f.getModifiers())) {
                    return f;
                }
            }
        }
        return null;
    }
}
