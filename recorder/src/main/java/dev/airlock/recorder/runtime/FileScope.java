package dev.airlock.recorder.runtime;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which files are the program's input and so kept in the journal: every file an application thread
 * opens or asks about, except the JVM's own (its installation and where its links lead, the class and
 * module path, which replay
 * checks by digest instead), Airlock's (the journal, the agent jars) and devices (the random devices are
 * captured where the random values come out). Recording and replay ask the same question of the same
 * paths, so they agree on which operations are events.
 */
public final class FileScope {

    private final List<String> prefixes = new ArrayList<>();
    private final List<String> exact = new ArrayList<>();

    private FileScope() {
    }

    /** The scope in this JVM: its java.home and class path, {@code journal} and the agent's own jar. */
    public static FileScope ofThisJvm(Path journal) {
        FileScope scope = new FileScope();
        scope.prefixes.add("/dev/");
        scope.addTree(System.getProperty("java.home"));
        scope.addLinkedTrees(System.getProperty("java.home"));
        scope.addClassPath(System.getProperty("java.class.path"));
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null) {
            for (String entry : modulePath.split(File.pathSeparator)) {
                scope.addEntry(entry);
            }
        }
        if (journal != null) {
            scope.addTree(journal.toString());
        }
        try {
            scope.addEntry(Path.of(FileScope.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (Exception | LinkageError e) {
            // no code source: nothing more to leave out
        }
        return scope;
    }

    /**
     * The class path's entries. An empty one (a leading, doubled or trailing separator, as in
     * {@code -cp "app.jar:"}) is the working directory to the JDK's class loader, which looks for every class
     * there that the entries before it lack, the agent's own included: left in, those lookups were
     * events that recording and replay did not make alike.
     */
    void addClassPath(String classPath) {
        if (classPath == null) {
            return;
        }
        for (String entry : classPath.split(File.pathSeparator, -1)) {
            addEntry(entry.isEmpty() ? "." : entry);
        }
    }

    /** An empty scope (everything kept), for tests. */
    static FileScope empty() {
        return new FileScope();
    }

    private void addEntry(String entry) {
        if (entry == null || entry.isEmpty()) {
            return;
        }
        String abs = absolute(entry);
        if (abs == null) {
            return;
        }
        if (abs.endsWith(".jar") || abs.endsWith(".zip") || abs.endsWith(".jmod")) {
            exact.add(abs);
        } else {
            prefixes.add(abs.endsWith("/") ? abs : abs + "/");
            exact.add(abs);
        }
    }

    /**
     * Where the installation's symbolic links lead: Debian's JDK keeps {@code conf/} as links into
     * {@code /etc/java-17-openjdk}, and the JDK opens them by their canonical path.
     */
    private void addLinkedTrees(String home) {
        if (home == null) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(Path.of(home), 3)) {
            walk.filter(java.nio.file.Files::isSymbolicLink).forEach(link -> {
                try {
                    Path target = link.toRealPath();
                    addTree((java.nio.file.Files.isDirectory(target) ? target : target.getParent()).toString());
                } catch (java.io.IOException | RuntimeException e) {
                    // a dangling link leads nowhere to leave out
                }
            });
        } catch (java.io.IOException | RuntimeException e) {
            // an unreadable installation: its own paths are still left out
        }
    }

    private void addTree(String dir) {
        if (dir != null && !dir.isEmpty()) {
            String abs = absolute(dir);
            if (abs != null && !abs.equals("/")) {
                prefixes.add(abs.endsWith("/") ? abs : abs + "/");
                exact.add(abs);
            }
        }
    }

    /** Whether operations on {@code path} (as the program named it) are kept; never touches the file system. */
    public boolean keeps(String path) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        String abs = absolute(path);
        if (abs == null) {
            return false;
        }
        for (String p : prefixes) {
            if (abs.startsWith(p)) {
                return false;
            }
        }
        return !exact.contains(abs);
    }

    private static String absolute(String path) {
        try {
            return Path.of(new File(path).getAbsolutePath()).normalize().toString();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
