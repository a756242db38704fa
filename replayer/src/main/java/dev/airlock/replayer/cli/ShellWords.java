package dev.airlock.replayer.cli;

import java.util.List;

/**
 * Shows a list of command-line words the way a POSIX shell would need them typed: words with spaces,
 * quotes or other special characters are single-quoted. For display only ({@link InspectCommand} and
 * the command {@link ReplayCommand} prints under {@code --verbose}); the replay itself passes the
 * words to the child process unchanged.
 */
final class ShellWords {

    private ShellWords() {
    }

    /** The words joined by spaces, each quoted when needed; {@code (none)} for no words. */
    static String join(List<String> words) {
        if (words.isEmpty()) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(w));
        }
        return sb.toString();
    }

    static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=,+@%".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
