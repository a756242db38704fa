package dev.airlock.examples.races;

/**
 * A registry keyed by classes, as frameworks keep handlers by type: an open-addressing table written in
 * application code (as Guava's immutable maps are), filled by two threads at once, then printed in slot
 * order. Where a class lands and how far an insert probes follow the classes' hash codes; which of two
 * colliding classes gets the slot first is up to the race between the threads.
 */
public final class ClassKeyedTable {

    interface Handler {
    }

    static final class Orders implements Handler { }
    static final class Payments implements Handler { }
    static final class Refunds implements Handler { }
    static final class Invoices implements Handler { }
    static final class Shipments implements Handler { }
    static final class Returns implements Handler { }
    static final class Customers implements Handler { }
    static final class Accounts implements Handler { }
    static final class Ledgers implements Handler { }
    static final class Audits implements Handler { }
    static final class Reports implements Handler { }
    static final class Alerts implements Handler { }
    static final class Quotes implements Handler { }
    static final class Carts implements Handler { }
    static final class Coupons implements Handler { }
    static final class Taxes implements Handler { }
    static final class Stocks implements Handler { }
    static final class Vendors implements Handler { }
    static final class Budgets implements Handler { }
    static final class Claims implements Handler { }
    static final class Tickets implements Handler { }
    static final class Reviews implements Handler { }
    static final class Rates implements Handler { }
    static final class Batches implements Handler { }

    private static final Class<?>[] KEYS = {Orders.class, Payments.class, Refunds.class, Invoices.class,
        Shipments.class, Returns.class, Customers.class, Accounts.class, Ledgers.class, Audits.class, Reports.class,
        Alerts.class, Quotes.class, Carts.class, Coupons.class, Taxes.class, Stocks.class, Vendors.class,
        Budgets.class, Claims.class, Tickets.class, Reviews.class, Rates.class, Batches.class};

    private static final Class<?>[] SLOTS = new Class<?>[32];
    private static int probes;

    private ClassKeyedTable() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread[] fillers = new Thread[2];
        for (int t = 0; t < fillers.length; t++) {
            int first = t;
            fillers[t] = new Thread(() -> {
                for (int k = first; k < KEYS.length; k += 2) {
                    put(KEYS[k]);
                    long x = 0;
                    for (int n = 0; n < 20_000; n++) {
                        x += n ^ k;
                    }
                    if (x == 42) {
                        System.out.println("unlikely");
                    }
                }
            });
            fillers[t].start();
        }
        for (Thread t : fillers) {
            t.join();
        }
        StringBuilder order = new StringBuilder();
        for (Class<?> c : SLOTS) {
            order.append(c == null ? "-" : c.getSimpleName().substring(0, 3)).append(' ');
        }
        System.out.println("slots " + order.toString().trim());
        System.out.println("probes " + probes);
    }

    private static void put(Class<?> key) {
        int h = key.hashCode();
        int i = (h ^ (h >>> 16)) & (SLOTS.length - 1);
        while (SLOTS[i] != null) {
            if (SLOTS[i] == key) {
                return;
            }
            i = (i + 1) & (SLOTS.length - 1);
            probes++;
        }
        SLOTS[i] = key;
    }
}
