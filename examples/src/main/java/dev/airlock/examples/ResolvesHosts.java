package dev.airlock.examples;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Random;

/**
 * Resolves host names and prints the answers: every name given as an argument (with
 * {@code -Djdk.net.hosts.file=FILE} the JDK resolves from that file, no DNS), twice each (the second
 * from the JDK's cache), and a name that does not exist. Prints a random ticket first, so plain runs
 * differ. Expected output: {@code ticket <n>}, then {@code <name> -> <addresses>} or {@code <name>
 * unknown}, once per name and pass; then the names of two addresses ({@code getHostName}, a reverse
 * lookup: 192.168.7.7 and 10.9.9.9).
 */
public final class ResolvesHosts {

    private ResolvesHosts() {
    }

    public static void main(String[] args) {
        System.out.println("ticket " + new Random().nextInt(1_000_000));
        String[] names = Arrays.copyOf(args, args.length + 1);
        names[args.length] = "no-such-host.invalid";
        for (int pass = 1; pass <= 2; pass++) {
            for (String name : names) {
                try {
                    InetAddress[] all = InetAddress.getAllByName(name);
                    StringBuilder b = new StringBuilder();
                    for (InetAddress a : all) {
                        b.append(b.length() == 0 ? "" : ", ").append(a.getHostAddress());
                    }
                    System.out.println("pass " + pass + ": " + name + " -> " + b + " (first: " + InetAddress.getByName(name) + ")");
                } catch (UnknownHostException e) {
                    System.out.println("pass " + pass + ": " + name + " unknown");
                }
            }
        }
        for (String ip : new String[] {"192.168.7.7", "10.9.9.9"}) {
            try {
                System.out.println("reverse: " + ip + " -> " + InetAddress.getByName(ip).getHostName());
            } catch (UnknownHostException e) {
                System.out.println("reverse: " + ip + " unknown");
            }
        }
    }
}
