package dev.airlock.recorder.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class TraversalKeysTest {

    @Test
    void a_concurrent_maps_views_and_iterators_name_the_map() {
        ConcurrentHashMap<String, Integer> map = new ConcurrentHashMap<>(Map.of("a", 1));
        for (Object part : List.of(map.keySet(), map.values(), map.entrySet(), map.keySet().iterator(),
            map.values().iterator(), map.entrySet().iterator(), map.keys(), map.elements())) {
            assertSame(map, TraversalKeys.mapOf(part), part.getClass().getName());
            assertTrue(new TraversalKeys().isOrdered(part));
        }
    }

    @Test
    void other_collections_and_the_map_itself_are_not_parts() {
        HashMap<String, Integer> plain = new HashMap<>(Map.of("a", 1));
        ConcurrentHashMap<String, Integer> map = new ConcurrentHashMap<>(plain);
        for (Object other : List.of(plain.keySet(), plain.keySet().iterator(), map, map.entrySet().iterator().next())) {
            assertNull(TraversalKeys.mapOf(other), other.getClass().getName());
        }
        assertFalse(new TraversalKeys().isOrdered(null));
    }

    @Test
    void a_copy_on_write_list_is_its_own_key_and_a_plain_iterator_has_none() {
        TraversalKeys keys = new TraversalKeys();
        java.util.concurrent.CopyOnWriteArrayList<Integer> list = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(1));
        assertTrue(keys.isOrdered(list));
        assertSame(list, keys.keyOf(list));
        java.util.Iterator<Integer> plain = new java.util.ArrayList<>(List.of(1)).iterator();
        assertFalse(keys.isOrdered(plain));
        assertFalse(keys.isOrdered(plain), "the class kept as plain");
        assertNull(keys.keyOf(plain));
        assertTrue(keys.isOrdered(list), "a concurrent receiver after it still takes its turn");
    }
}
