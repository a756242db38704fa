package dev.airlock.recorder.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotRequestTest {

    @Test
    void aRequestSurvivesItsFileWhateverTheConditionHolds() {
        SnapshotRequest r = SnapshotRequest.inject("com.acme.Orders", 142, "a == \"x=y, z\\n\" && b.c != null # !", 3,
            60_000, Path.of("/tmp/snaps dir"));
        SnapshotRequest back = SnapshotRequest.decode(r.encode());
        assertEquals(r, back);
        assertEquals("clear", SnapshotRequest.decode(SnapshotRequest.clear().encode()).action());
    }

    @Test
    void placesAreClassColonLine() {
        assertArrayEquals(new String[] {"com.acme.Outer$Inner", "12"}, SnapshotRequest.parseAt("com.acme.Outer$Inner:12"));
        for (String bad : new String[] {"Orders", "Orders:", ":12", "Orders:0", "Orders:x", "com..X:3", "1abc:3"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotRequest.parseAt(bad), bad);
            assertTrue(e.getMessage().startsWith("--at"), e.getMessage());
        }
    }

    @Test
    void durationsTakeAUnit() {
        assertEquals(500, SnapshotRequest.parseDuration("500ms"));
        assertEquals(30_000, SnapshotRequest.parseDuration("30s"));
        assertEquals(600_000, SnapshotRequest.parseDuration("10m"));
        assertEquals(7_200_000, SnapshotRequest.parseDuration("2h"));
        for (String bad : new String[] {"10", "soon", "-1m", "0s", "m"}) {
            assertThrows(IllegalArgumentException.class, () -> SnapshotRequest.parseDuration(bad), bad);
        }
    }

    @Test
    void thePolicyAllowsDeniesOrRestrictsToPackages() {
        assertNull(SnapshotPolicy.allowAll().refusal("any.Thing"));
        assertTrue(SnapshotPolicy.from(Map.of("snapshots", "deny"), "/etc/p").refusal("a.B").contains("forbids"));
        SnapshotPolicy some = SnapshotPolicy.from(Map.of("snapshots.packages", "com.acme.orders, com.acme.billing"), null);
        assertNull(some.refusal("com.acme.orders.Service"));
        assertNull(some.refusal("com.acme.billing.sub.Invoice"));
        assertTrue(some.refusal("com.acme.ordersX.Service").contains("allows snapshots only in"));
        assertThrows(IllegalArgumentException.class, () -> SnapshotPolicy.from(Map.of("snapshots", "maybe"), null));
    }
}
