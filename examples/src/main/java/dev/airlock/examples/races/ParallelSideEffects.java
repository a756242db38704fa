package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/** A parallel stream on the common pool adds to a list as a side effect: the list's order varies. */
public final class ParallelSideEffects {

    public static void main(String[] args) {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        IntStream.range(0, 2000).parallel().forEach(i -> {
            if (i % 97 == 0) {
                seen.add(i);
            }
        });
        System.out.println("seen in order " + seen);
    }
}
