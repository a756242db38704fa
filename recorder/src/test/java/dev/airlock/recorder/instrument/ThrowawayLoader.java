package dev.airlock.recorder.instrument;

/**
 * Defines one rewritten class next to the original, so a test can run it. Everything else, the bridge
 * included, comes from the parent (the test classpath).
 */
final class ThrowawayLoader extends ClassLoader {

    ThrowawayLoader(ClassLoader parent) {
        super(parent);
    }

    static Class<?> define(Class<?> original, byte[] rewritten) {
        ThrowawayLoader loader = new ThrowawayLoader(original.getClassLoader());
        return loader.defineClass(original.getName(), rewritten, 0, rewritten.length);
    }
}
