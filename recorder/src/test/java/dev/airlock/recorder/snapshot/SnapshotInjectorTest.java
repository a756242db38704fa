package dev.airlock.recorder.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.airlock.bridge.SnapshotHandler;
import dev.airlock.bridge.SnapshotHooks;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injects into {@link SnapshotFixture}, loads the result in a loader of its own (so it is verified) and runs it. */
class SnapshotInjectorTest {

    record Hit(int id, Object self, Object[] values) {
    }

    private static final ConcurrentLinkedQueue<Hit> HITS = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void installRecordingHandler() {
        SnapshotHooks.installIfAbsent(new SnapshotHandler() {
            @Override
            public void hit(int point, Object self, Object[] values) {
                HITS.add(new Hit(point, self, values));
            }

            @Override
            public String control(String request, Object instrumentation) {
                return "";
            }
        });
    }

    @BeforeEach
    void clear() {
        HITS.clear();
    }

    private static Class<?> injected(String marker, Map<String, Integer> ids) throws Exception {
        byte[] bytes = SnapshotInjector.inject(FixtureLines.bytes(),
            List.of(new SnapshotInjector.Placement(FixtureLines.line(marker), ids)));
        ClassLoader own = new ClassLoader(SnapshotInjectorTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(SnapshotFixture.class.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, bytes, 0, bytes.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
        return Class.forName(SnapshotFixture.class.getName(), true, own);
    }

    private static Object fixture(Class<?> type) throws Exception {
        Constructor<?> c = type.getConstructor(String.class);
        return c.newInstance("fx");
    }

    @Test
    void passesThisArgumentsAndLiveLocalsBoxed() throws Exception {
        Class<?> type = injected("MARK-t", Map.of("compute(ILjava/lang/String;)J", 41));
        Object fx = fixture(type);
        Object result = type.getMethod("compute", int.class, String.class).invoke(fx, 3, "s");
        assertEquals(10L, result, "the method still computes what it did");
        Hit hit = HITS.poll();
        assertEquals(41, hit.id());
        assertSame(fx, hit.self());
        assertArrayEquals(new Object[] {3, "s", 6L, 2.0}, hit.values());
        assertNull(HITS.poll());
    }

    @Test
    void aLoopBodyIsHitOncePerIteration() throws Exception {
        Class<?> type = injected("MARK-loop", Map.of("loop(I)I", 7));
        assertEquals(10, type.getMethod("loop", int.class).invoke(fixture(type), 5));
        assertEquals(5, HITS.size());
        int i = 0;
        for (Hit h : HITS) {
            assertEquals(i++, h.values()[2], "the loop variable as it was at each pass");
        }
    }

    @Test
    void constructorsAndStaticMethodsPassNoThis() throws Exception {
        Class<?> type = injected("MARK-ctor", Map.of("<init>(Ljava/lang/String;)V", 3));
        fixture(type);
        Hit hit = HITS.poll();
        assertNull(hit.self());
        assertArrayEquals(new Object[] {"fx"}, hit.values());

        Class<?> other = injected("MARK-static", Map.of("twice(I)I", 4));
        assertEquals(8, other.getMethod("twice", int.class).invoke(null, 3));
        assertArrayEquals(new Object[] {3, 4}, HITS.poll().values());
    }

    @Test
    void onlyTheMethodsGivenAnIdAreInstrumented() throws Exception {
        Class<?> type = injected("MARK-lambda", Map.of("lambda(I)Ljava/util/function/IntSupplier;", 9));
        IntSupplier s = (IntSupplier) type.getMethod("lambda", int.class).invoke(fixture(type), 2);
        assertEquals(1, HITS.size());
        assertEquals(11, s.getAsInt());
        assertEquals(1, HITS.size(), "the lambda body on the same line was not given an id");
    }
}
