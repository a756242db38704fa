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

class MapTraversalsTest {

    @Test
    void a_concurrent_maps_views_and_iterators_name_the_map() {
        ConcurrentHashMap<String, Integer> map = new ConcurrentHashMap<>(Map.of("a", 1));
        for (Object part : List.of(map.keySet(), map.values(), map.entrySet(), map.keySet().iterator(),
            map.values().iterator(), map.entrySet().iterator(), map.keys(), map.elements())) {
            assertSame(map, MapTraversals.mapOf(part), part.getClass().getName());
            assertTrue(MapTraversals.isPart(part));
        }
    }

    @Test
    void other_collections_and_the_map_itself_are_not_parts() {
        HashMap<String, Integer> plain = new HashMap<>(Map.of("a", 1));
        ConcurrentHashMap<String, Integer> map = new ConcurrentHashMap<>(plain);
        for (Object other : List.of(plain.keySet(), plain.keySet().iterator(), map, map.entrySet().iterator().next())) {
            assertNull(MapTraversals.mapOf(other), other.getClass().getName());
        }
        assertFalse(MapTraversals.isPart(null));
    }
}
