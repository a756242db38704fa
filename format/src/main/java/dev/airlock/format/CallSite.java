package dev.airlock.format;

/**
 * One place in the bytecode where a nondeterministic value is captured. The key (class, method,
 * descriptor, ordinal) identifies it across record and replay; the line and file are for people.
 *
 * @param id journal-local number events refer to
 * @param kind what is captured there
 * @param className binary class name with dots
 * @param method method name
 * @param descriptor method descriptor
 * @param ordinal how many captures come before this one in the same method
 * @param line source line, or -1 when the class has no line numbers
 * @param sourceFile source file name, or null
 */
public record CallSite(int id, EventKind kind, String className, String method, String descriptor, int ordinal,
                       int line, String sourceFile) {

    /**
     * What stays the same between a recording and its replay when the code did not change. Application
     * sites include the line, so a moved call is caught at once; JDK sites do not, since JDK updates
     * move lines without changing behaviour.
     */
    public String key() {
        boolean jdk = className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.");
        return className + '.' + method + descriptor + '#' + ordinal + (jdk ? "" : "@" + line) + ':' + kind.code();
    }

    /** {@code Class.method(File.java:line)}, as in a stack trace. */
    public String describe() {
        String file = sourceFile == null ? "Unknown Source" : sourceFile;
        return className + '.' + method + '(' + (line >= 0 ? file + ':' + line : file) + ')';
    }
}
