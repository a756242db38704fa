package dev.airlock.recorder.snapshot;

import java.util.function.IntSupplier;

/** Code for the injection tests; the tests find lines by the marker comments, so edit freely. */
public class SnapshotFixture {

    private int calls = 7;
    private final String name;

    public SnapshotFixture(String name) {
        this.name = name; // MARK-ctor
    }

    public long compute(int a, String s) {
        long x = a * 2L; // MARK-first
        double d = x / 3.0;
        String t = s + d; // MARK-t
        calls++;
        return t.length() + x;
    }

    public static int twice(int n) {
        int m = n + 1;
        return m * 2; // MARK-static
    }

    public IntSupplier lambda(int k) {
        int j = k + calls;
        return () -> j + k; // MARK-lambda
    }

    public int loop(int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i; // MARK-loop
        }
        return sum;
    }
}
