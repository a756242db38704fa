package dev.airlock.recorder.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineLocatorTest {

    private static List<LineLocator.Location> at(String marker) {
        return LineLocator.locate(LineLocator.read(FixtureLines.bytes()), FixtureLines.line(marker));
    }

    @Test
    void argumentsAreLiveAtAMethodsFirstLineAndLocalsOnlyOnceAssigned() {
        List<LineLocator.Location> first = at("MARK-first");
        assertEquals(1, first.size());
        assertEquals("compute", first.get(0).method());
        assertEquals(List.of("a", "s"), first.get(0).names());
        assertTrue(first.get(0).hasThis());
        assertTrue(first.get(0).variables().stream().allMatch(LineLocator.Variable::argument));

        List<LineLocator.Location> later = at("MARK-t");
        assertEquals(List.of("a", "s", "x", "d"), later.get(0).names());
        assertFalse(later.get(0).variables().get(2).argument());
    }

    @Test
    void staticMethodsHaveNoThisAndConstructorsDoNotPassIt() {
        LineLocator.Location twice = at("MARK-static").get(0);
        assertFalse(twice.hasThis());
        assertEquals(List.of("n", "m"), twice.names());
        LineLocator.Location ctor = at("MARK-ctor").get(0);
        assertEquals("<init>", ctor.method());
        assertFalse(ctor.hasThis());
        assertEquals(List.of("name"), ctor.names());
    }

    @Test
    void aLineWithALambdaIsFoundInBothMethods() {
        List<LineLocator.Location> both = at("MARK-lambda");
        assertEquals(2, both.size(), both.toString());
        assertEquals("lambda", both.get(0).method());
        assertTrue(both.get(1).method().startsWith("lambda$lambda$"), both.get(1).method());
    }

    @Test
    void aLoopBodyLineIsFoundOnceWithTheLoopVariable() {
        List<LineLocator.Location> loop = at("MARK-loop");
        assertEquals(1, loop.size());
        assertEquals(List.of("n", "sum", "i"), loop.get(0).names());
    }

    @Test
    void aLineWithoutCodeIsNotFoundAndTheRangeIsKnown() {
        assertTrue(LineLocator.locate(LineLocator.read(FixtureLines.bytes()), 1).isEmpty());
        int[] range = LineLocator.lineRange(LineLocator.read(FixtureLines.bytes()));
        assertTrue(range[0] <= FixtureLines.line("MARK-ctor") && range[1] >= FixtureLines.line("MARK-loop"));
    }
}
