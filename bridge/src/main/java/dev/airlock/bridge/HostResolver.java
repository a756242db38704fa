package dev.airlock.bridge;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Runs the JDK's own host-name resolution ({@code InetAddress.getAllByName0}, cache included), the call
 * {@link Hooks#resolve} stands in for. Java 17 has a four-argument form, Java 18 and later a
 * two-argument one; the agent opens {@code java.net} to the bridge first.
 */
public final class HostResolver {

    /** One resolution, started when a sink asks for it. */
    public interface Lookup {
        InetAddress[] run() throws UnknownHostException;
    }

    private static volatile Method withRequest;
    private static volatile Method plain;

    private HostResolver() {
    }

    /** True on JDKs whose {@code getAllByName0} takes (host, requested address, check, use cache). */
    public static boolean fourArgumentForm() {
        try {
            InetAddress.class.getDeclaredMethod("getAllByName0", String.class, InetAddress.class, boolean.class,
                boolean.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static Lookup of(String host, InetAddress requested, boolean check, boolean useCache) {
        return () -> invoke(method(true), host, requested, check, useCache);
    }

    static Lookup of(String host, boolean check) {
        return () -> invoke(method(false), host, check);
    }

    private static Method method(boolean four) throws UnknownHostException {
        Method m = four ? withRequest : plain;
        if (m == null) {
            try {
                m = four ? InetAddress.class.getDeclaredMethod("getAllByName0", String.class, InetAddress.class,
                    boolean.class, boolean.class) : InetAddress.class.getDeclaredMethod("getAllByName0", String.class,
                    boolean.class);
                m.setAccessible(true);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("Airlock cannot reach InetAddress.getAllByName0: " + e, e);
            }
            if (four) {
                withRequest = m;
            } else {
                plain = m;
            }
        }
        return m;
    }

    /**
     * A reverse lookup by {@code service} (Java 17's {@code InetAddress.NameService}, or the
     * {@code InetAddressResolver} of Java 18 and later) of the address {@code addr}, answered as one
     * address that carries the name found.
     */
    static Lookup reverse(Object service, byte[] addr) {
        return () -> {
            Method m = reverseMethod(service);
            try {
                return new InetAddress[] {InetAddress.getByAddress((String) m.invoke(service, (Object) addr), addr)};
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof UnknownHostException u) {
                    throw u;
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Airlock cannot reach the JDK's reverse lookup: " + e, e);
            }
        };
    }

    private static Method reverseMethod(Object service) {
        for (String[] candidate : new String[][] {{"java.net.spi.InetAddressResolver", "lookupByAddress"},
            {"java.net.InetAddress$NameService", "getHostByAddr"}}) {
            try {
                Class<?> type = Class.forName(candidate[0], false, null);
                if (type.isInstance(service)) {
                    Method m = type.getDeclaredMethod(candidate[1], byte[].class);
                    m.setAccessible(true);
                    return m;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not this JDK's form
            }
        }
        throw new IllegalStateException("Airlock cannot reach the JDK's reverse lookup for " + service.getClass());
    }

    private static InetAddress[] invoke(Method m, Object... args) throws UnknownHostException {
        try {
            return (InetAddress[]) m.invoke(null, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownHostException) {
                throw (UnknownHostException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Airlock cannot reach InetAddress.getAllByName0: " + e, e);
        }
    }
}
