package dev.airlock.examples;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Reads lines from {@code System.in} until EOF and answers each with a random number, then prints how
 * many bytes it read and how many were still available. Expected output: {@code line <n>: <text>
 * (lucky <0-999>)} per line, then {@code read <n> lines}. Plain runs differ; a replay needs no stdin.
 */
public final class ReadsStdin {

    private ReadsStdin() {
    }

    public static void main(String[] args) throws Exception {
        Random random = new Random();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int n = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            n++;
            System.out.println("line " + n + ": " + line + " (lucky " + random.nextInt(1000) + ")");
        }
        System.out.println("read " + n + " lines, " + System.in.available() + " bytes left");
    }
}
