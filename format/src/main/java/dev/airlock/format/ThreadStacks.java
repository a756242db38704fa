package dev.airlock.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a {@link EventKind#THREAD_STACKS} event: for each thread, its name and its frames, threads
 * in the order asked. A frame is kept as {@code loader|module|version|class|method|file|line}, with the
 * loader and version only where the frame prints them ({@code app//Main.run(Main.java:3)} from a thread
 * dump, {@code java.base/...} without them from a {@code Throwable}), so a rebuilt frame prints alike.
 */
public final class ThreadStacks {

    /** One thread's stack as the program saw it. */
    public record Stack(String thread, StackTraceElement[] frames) {
    }

    private ThreadStacks() {
    }

    public static byte[] encode(List<Stack> stacks) {
        Fields f = new Fields();
        f.put("n", stacks.size());
        for (int i = 0; i < stacks.size(); i++) {
            f.put(i + ".thread", stacks.get(i).thread());
            f.put(i + ".frames", frames(stacks.get(i).frames()));
        }
        return f.encode();
    }

    public static List<Stack> decode(byte[] payload) {
        Fields f = Fields.decode(payload, 0, payload.length);
        int n = Integer.parseInt(f.get("n"));
        List<Stack> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Stack(f.get(i + ".thread"), frames(f.get(i + ".frames"))));
        }
        return out;
    }

    /** Frames as text, one per line, as {@link #frames(String)} reads them. */
    public static String frames(StackTraceElement[] frames) {
        StringBuilder text = new StringBuilder();
        for (StackTraceElement f : frames) {
            String printed = f.toString();
            String loader = f.getClassLoaderName() != null && printed.startsWith(f.getClassLoaderName() + "/")
                ? f.getClassLoaderName() : "";
            String version = f.getModuleVersion() != null && printed.contains("@" + f.getModuleVersion() + "/")
                ? f.getModuleVersion() : "";
            text.append(loader).append('|').append(nonNull(f.getModuleName())).append('|').append(version).append('|')
                .append(f.getClassName()).append('|').append(f.getMethodName()).append('|')
                .append(nonNull(f.getFileName())).append('|').append(f.getLineNumber()).append('\n');
        }
        return text.toString();
    }

    public static StackTraceElement[] frames(String text) {
        List<StackTraceElement> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length == 7) {
                out.add(new StackTraceElement(orNull(f[0]), orNull(f[1]), orNull(f[2]), f[3], f[4], orNull(f[5]),
                    Integer.parseInt(f[6])));
            }
        }
        return out.toArray(new StackTraceElement[0]);
    }

    private static String orNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
