package dev.airlock.examples;

import java.io.Console;
import java.util.Random;

/**
 * Talks to its operator through {@code System.console()}: asks for a name and a pin (without echo) on
 * the terminal and answers with a random lucky number. Without a terminal it says so.
 */
public final class ReadsConsole {

    private ReadsConsole() {
    }

    public static void main(String[] args) {
        Console console = System.console();
        if (console == null) {
            System.out.println("no console");
            return;
        }
        String name = console.readLine("name? ");
        char[] pin = console.readPassword("pin? ");
        console.printf("hello %s, your pin has %d characters, your number is %d%n", name, pin == null ? -1 : pin.length,
            new Random().nextInt(1000));
        console.flush();
    }
}
