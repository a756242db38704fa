package dev.airlock.recorder.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import org.junit.jupiter.api.Test;

class ValueRendererTest {

    private final ValueRenderer renderer = ValueRenderer.defaults();

    enum Colour { RED, GREEN { } }

    static class Point {
        private static final int ORIGIN = 0;
        private final int x;
        private final int y;

        Point(int x, int y) {
            this.x = x;
            this.y = y;
        }
    }

    static class Named {
        protected String name = "base";
    }

    static class Labelled extends Named {
        private String name = "shadow";
        private Point at = new Point(1, 2);
    }

    static class Node {
        Node next;
        String label;

        Node(String label) {
            this.label = label;
        }
    }

    /** Any call to its toString, hashCode or equals fails the test: the renderer must never make one. */
    static final class Hostile {
        static volatile boolean armed;
        private final String secret = "s";

        @Override
        public String toString() {
            throw new AssertionError("toString called");
        }

        @Override
        public int hashCode() {
            if (armed) {
                throw new AssertionError("hashCode called");
            }
            return 1;
        }

        @Override
        public boolean equals(Object other) {
            throw new AssertionError("equals called");
        }
    }

    /** An application list whose every method fails the test. */
    static final class HostileList extends AbstractList<String> {
        @Override
        public String get(int index) {
            throw new AssertionError("get called");
        }

        @Override
        public int size() {
            throw new AssertionError("size called");
        }
    }

    static class Box extends ArrayList<String> {
        private int extra = 5;
    }

    @Test
    void scalars_render_as_in_java_source() {
        assertEquals("null", renderer.render(null));
        assertEquals("\"hi\"", renderer.render("hi"));
        assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001\"", renderer.render("a\"b\\c\n\t\u0001"));
        assertEquals("\"x\\ud800y\"", renderer.render("x\ud800y"), "a lone surrogate is escaped");
        assertEquals("\"\ud83d\ude00\"", renderer.render("\ud83d\ude00"), "a pair is kept");
        assertEquals("\"sb\"", renderer.render(new StringBuilder("sb")));
        assertEquals("'c'", renderer.render('c'));
        assertEquals("'\\''", renderer.render('\''));
        assertEquals("'\\n'", renderer.render('\n'));
        assertEquals("true", renderer.render(true));
        assertEquals("42", renderer.render(42));
        assertEquals("-7", renderer.render(-7L));
        assertEquals("1.5", renderer.render(1.5));
        assertEquals("3", renderer.render((byte) 3));
        assertEquals("12.50", renderer.render(new BigDecimal("12.50")));
        assertEquals("12345678901234567890", renderer.render(new BigInteger("12345678901234567890")));
        assertEquals("9", renderer.render(new AtomicInteger(9)));
        assertEquals("BigInteger(10001 bits)", renderer.render(BigInteger.ONE.shiftLeft(10000)));
    }

    @Test
    void enums_render_as_type_and_name() {
        assertEquals("Colour.RED", renderer.render(Colour.RED));
        assertEquals("Colour.GREEN", renderer.render(Colour.GREEN));
        assertEquals("State.NEW", renderer.render(Thread.State.NEW));
    }

    @Test
    void long_strings_are_cut_with_their_length() {
        ValueRenderer small = new ValueRenderer(2, 5, 16, 2000);

        assertEquals("\"abcde...\"(26 chars)", small.render("abcdefghijklmnopqrstuvwxyz"));
        assertEquals("\"abcde\"", small.render("abcde"));
        assertEquals("\"abcd...\"(6 chars)", small.render("abcd\ud83d\ude00"), "a surrogate pair is never split");
        assertEquals("\"" + "x".repeat(200) + "...\"(1234 chars)", renderer.render("x".repeat(1234)));
    }

    @Test
    void arrays_show_type_length_and_the_first_elements() {
        ValueRenderer three = new ValueRenderer(2, 200, 3, 2000);

        assertEquals("int[3]{1, 2, 3}", renderer.render(new int[] {1, 2, 3}));
        assertEquals("int[0]{}", renderer.render(new int[0]));
        assertEquals("String[2]{\"a\", null}", renderer.render(new String[] {"a", null}));
        assertEquals("char[2]{'a', 'b'}", renderer.render(new char[] {'a', 'b'}));
        assertEquals("long[5]{1, 2, 3, ...}", three.render(new long[] {1, 2, 3, 4, 5}));
        assertEquals("int[][1]{int[2]{1, 2}}", renderer.render(new int[][] {{1, 2}}));
    }

    @Test
    void jdk_collections_show_type_size_and_the_first_elements() {
        ValueRenderer two = new ValueRenderer(2, 200, 2, 2000);
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("k", 1);
        map.put("k2", 2);

        assertEquals("ArrayList(3)[\"a\", \"b\", \"c\"]", renderer.render(new ArrayList<>(List.of("a", "b", "c"))));
        assertEquals("LinkedHashMap(2){\"k\"=1, \"k2\"=2}", renderer.render(map));
        assertEquals("HashMap(1){\"k\"=1}", renderer.render(new HashMap<>(Map.of("k", 1))));
        assertEquals("ConcurrentHashMap(1){1=true}", renderer.render(new ConcurrentHashMap<>(Map.of(1, true))));
        assertEquals("TreeMap(0){}", renderer.render(new TreeMap<>()));
        assertTrue(renderer.render(List.of(1, 2)).matches("List\\w*\\(2\\)\\[1, 2\\]"), renderer.render(List.of(1, 2)));
        assertEquals("ArrayList(3)[1, 2, ...]", two.render(new ArrayList<>(List.of(1, 2, 3))));
        assertEquals("ArrayList(2)[1, 2]", two.render(new ArrayList<>(List.of(1, 2))));
        assertEquals("ArrayList(1)[...]", new ValueRenderer(2, 200, 0, 2000).render(new ArrayList<>(List.of(1))));
    }

    @Test
    void value_like_jdk_types_render_with_their_own_text() throws Exception {
        UUID uuid = UUID.randomUUID();

        assertEquals("2024-02-29", renderer.render(LocalDate.of(2024, 2, 29)));
        assertEquals("PT1M30S", renderer.render(Duration.ofSeconds(90)));
        assertEquals(uuid.toString(), renderer.render(uuid));
        assertEquals("https://example.com/a?b=1", renderer.render(URI.create("https://example.com/a?b=1")));
        assertEquals("https://user@example.com:8080/a?b=1#frag",
            renderer.render(new URL("https://user@example.com:8080/a?b=1#frag")));
        assertEquals("file:/tmp/x", renderer.render(new URL("file:/tmp/x")));
        assertEquals("/tmp/x", renderer.render(Paths.get("/tmp/x")));
        assertEquals("/tmp/y", renderer.render(new File("/tmp/y")));
        assertEquals("java.lang.String", renderer.render(String.class));
        assertEquals("Thread[worker-1]", renderer.render(new Thread(() -> { }, "worker-1")));
        assertEquals("Optional[\"x\"]", renderer.render(Optional.of("x")));
        assertEquals("Optional.empty", renderer.render(Optional.empty()));
        assertEquals("OptionalInt[3]", renderer.render(OptionalInt.of(3)));
        assertEquals("1970-01-01T00:00:01Z", renderer.render(new Date(1000)));
    }

    @Test
    void other_objects_render_by_their_fields_superclass_first_without_statics() {
        assertEquals("Point{x=1, y=2}", renderer.render(new Point(1, 2)));
        assertEquals("Labelled{name=\"base\", name=\"shadow\", at=Point{x=1, y=2}}", renderer.render(new Labelled()));
        assertEquals("Box{extra=5}", renderer.render(new Box()), "JDK superclass state is not read");
        assertEquals("Object{}", renderer.render(new Object()));
    }

    @Test
    void objects_deeper_than_the_limit_show_only_their_type() {
        Node a = new Node("a");
        a.next = new Node("b");
        a.next.next = new Node("c");
        a.next.next.next = new Node("d");

        assertEquals("Node{next=Node{next=Node{...}, label=\"b\"}, label=\"a\"}", renderer.render(a));
        assertEquals("Node{...}", new ValueRenderer(0, 200, 16, 2000).render(a));
        assertEquals("ArrayList(1)[ArrayList(1)[ArrayList(0)[...]]]",
            renderer.render(new ArrayList<>(List.of(new ArrayList<>(List.of(new ArrayList<>()))))));
        assertEquals("int[][1]{int[1]{...}}", new ValueRenderer(1, 200, 16, 2000).render(new int[][] {{1}}));
    }

    @Test
    void cycles_are_shown_not_followed() {
        Node a = new Node("a");
        a.next = a;
        List<Object> list = new ArrayList<>();
        list.add(list);
        Object[] array = new Object[1];
        array[0] = array;

        assertEquals("Node{next=<cycle>, label=\"a\"}", renderer.render(a));
        assertEquals("ArrayList(1)[<cycle>]", renderer.render(list));
        assertEquals("Object[1]{<cycle>}", renderer.render(array));
        Node b = new Node("b");
        Node[] twice = {b, b};
        assertEquals("Node[2]{Node{next=null, label=\"b\"}, Node{next=null, label=\"b\"}}", renderer.render(twice),
            "an object met twice side by side is not a cycle");
    }

    @Test
    void a_box_that_holds_itself_is_a_cycle_and_boxes_count_as_a_level() {
        AtomicReference<Object> ref = new AtomicReference<>();
        ref.set(ref);

        assertEquals("AtomicReference[<cycle>]", renderer.render(ref));
        assertEquals("Optional[Optional[...]]", new ValueRenderer(1, 200, 16, 2000)
            .render(Optional.of(Optional.of(1))));
    }

    @Test
    void limits_must_not_be_negative() {
        assertThrows(IllegalArgumentException.class, () -> new ValueRenderer(-1, 200, 16, 2000));
        assertThrows(IllegalArgumentException.class, () -> new ValueRenderer(2, 200, 16, 0));
    }

    @Test
    void the_total_is_capped() {
        ValueRenderer tight = new ValueRenderer(2, 200, 1000, 50);
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(i);
        }

        String text = tight.render(many);
        assertEquals(53, text.length(), text);
        assertTrue(text.startsWith("ArrayList(1000)[0, 1, 2") && text.endsWith("..."), text);
        assertEquals(53, tight.render("y".repeat(500)).length());
        assertEquals("\"short\"", tight.render("short"));
    }

    @Test
    void application_methods_are_never_called() {
        Hostile hostile = new Hostile();
        HashSet<Object> set = new HashSet<>(List.of(hostile));
        Map<Object, Object> map = new HashMap<>(Map.of(hostile, hostile));
        Hostile.armed = true;
        try {
            assertEquals("Hostile{secret=\"s\"}", renderer.render(hostile));
            assertEquals("HashSet(1)[Hostile{secret=\"s\"}]", renderer.render(set));
            assertEquals("HashMap(1){Hostile{secret=\"s\"}=Hostile{secret=\"s\"}}", renderer.render(map));
            assertEquals("Optional[Hostile{secret=\"s\"}]", renderer.render(Optional.of(hostile)));
            assertEquals("AtomicReference[Hostile{secret=\"s\"}]", renderer.render(new AtomicReference<>(hostile)));
            assertEquals("{secret=\"s\"}", renderer.fields(hostile).toString());
        } finally {
            Hostile.armed = false;
        }
        assertEquals("HostileList{}", renderer.render(new HostileList()));
        assertEquals("UnmodifiableList{?}",
            renderer.render(Collections.unmodifiableList(new HostileList())), "a wrapper could call into the app");
        assertEquals("LongAccumulator{}", renderer.render(new LongAccumulator((a, b) -> {
            throw new AssertionError("accumulator called");
        }, 0)));
    }

    @Test
    void a_collection_changing_while_it_is_rendered_never_makes_rendering_throw() throws Exception {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            list.add(i);
        }
        Thread writer = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                list.add(1);
                list.remove(list.size() - 1);
            }
        });
        writer.setDaemon(true);
        writer.start();
        try {
            for (int i = 0; i < 2000; i++) {
                String text = renderer.render(list);
                assertTrue(text.startsWith("ArrayList("), text);
            }
        } finally {
            writer.interrupt();
            writer.join();
        }
    }

    @Test
    void fields_of_this_are_rendered_one_level_down() {
        Node self = new Node("me");
        self.next = new Node("child");
        self.next.next = self;

        Map<String, String> fields = renderer.fields(self);
        assertEquals(List.of("next", "label"), List.copyOf(fields.keySet()));
        assertEquals("Node{next=<cycle>, label=\"child\"}", fields.get("next"));
        assertEquals("\"me\"", fields.get("label"));

        Node deep = new Node("d");
        deep.next = new Node("e");
        deep.next.next = new Node("f");
        assertEquals("Node{next=Node{...}, label=\"e\"}", renderer.fields(deep).get("next"));

        assertEquals(Map.of(), renderer.fields(null));
    }

    @Test
    void fields_of_this_keep_shadowed_fields_and_share_one_budget() {
        Map<String, String> fields = renderer.fields(new Labelled());
        assertEquals(List.of("name", "Labelled.name", "at"), List.copyOf(fields.keySet()));
        assertEquals("\"base\"", fields.get("name"));
        assertEquals("\"shadow\"", fields.get("Labelled.name"));

        Map<String, String> tight = new ValueRenderer(2, 200, 16, 10).fields(new Labelled());
        assertEquals("\"base\"", tight.get("name"));
        assertEquals("\"sha...", tight.get("Labelled.name"));
        assertEquals("...", tight.get("at"));
    }
}
