package dev.airlock.bridge;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Starts a child process the way {@code ProcessBuilder.start} does, through the package-private
 * {@code java.lang.ProcessImpl.start}: the call that {@link Hooks#startProcess} stands in for. The agent
 * opens {@code java.lang} to the bridge before anything can reach this.
 */
public final class ProcessLauncher {

    private static volatile Method start;

    private ProcessLauncher() {
    }

    public static Process launch(String[] command, Map<String, String> environment, String directory,
                                 ProcessBuilder.Redirect[] redirects, boolean redirectErrorStream) throws IOException {
        try {
            return (Process) method().invoke(null, command, environment, directory, redirects, redirectErrorStream);
        } catch (InvocationTargetException e) {
            throw Rethrow.cause(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Airlock cannot start a process: " + e, e);
        }
    }

    private static Method method() throws ReflectiveOperationException {
        Method m = start;
        if (m == null) {
            m = Class.forName("java.lang.ProcessImpl").getDeclaredMethod("start", String[].class, Map.class, String.class,
                ProcessBuilder.Redirect[].class, boolean.class);
            m.setAccessible(true);
            start = m;
        }
        return m;
    }
}
