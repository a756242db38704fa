package dev.airlock.recorder.runtime;

import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;

/** The main method's arguments as a NOTE document: exact strings, unlike the launcher's command line. */
final class MainArguments {

    private MainArguments() {
    }

    static Fields toFields(String[] args) {
        Fields f = new Fields().put(HeaderKeys.MAIN_ARG + "count", args == null ? 0 : args.length);
        if (args != null) {
            for (int i = 0; i < args.length; i++) {
                f.put(HeaderKeys.MAIN_ARG + i, args[i]);
            }
        }
        return f;
    }
}
