package dev.airlock.recorder.snapshot;

import static dev.airlock.recorder.snapshot.SnapshotCondition.oneLine;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Splits the text into tokens on demand; {@code start} is the current token's index, for error columns. */
final class ConditionLexer {
    static final int END = 0;
    static final int IDENTIFIER = 1;
    static final int LITERAL = 2;
    static final int OPEN = 3;
    static final int CLOSE = 4;
    static final int DOT = 5;
    static final int NOT = 6;
    static final int AND = 7;
    static final int OR = 8;
    static final int COMPARE = 9;

    private final String text;
    private int pos;
    private int previousEnd;
    int type;
    int start;
    Object value;

    ConditionLexer(String text) {
        this.text = text;
    }

    IllegalArgumentException error(String what, int index) {
        return new IllegalArgumentException("bad condition '" + oneLine(text) + "': " + what + " at column "
            + (index + 1));
    }

    String tokenText() {
        return oneLine(text.substring(start, pos));
    }

    /** The text from {@code from} to the end of the last token consumed, fit for a one-line message. */
    String sourceFrom(int from) {
        return oneLine(text.substring(from, previousEnd));
    }

    void advance() {
        previousEnd = pos;
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        start = pos;
        value = null;
        if (pos == text.length()) {
            type = END;
            return;
        }
        char c = text.charAt(pos);
        switch (c) {
            case '(' -> single(OPEN);
            case ')' -> single(CLOSE);
            case '.' -> single(DOT);
            case '!' -> {
                if (!twoChar('=', COMPARE, Comparisons.NE)) {
                    single(NOT);
                }
            }
            case '<' -> {
                if (!twoChar('=', COMPARE, Comparisons.LE)) {
                    single(COMPARE);
                    value = Comparisons.LT;
                }
            }
            case '>' -> {
                if (!twoChar('=', COMPARE, Comparisons.GE)) {
                    single(COMPARE);
                    value = Comparisons.GT;
                }
            }
            case '=' -> required('=', COMPARE, Comparisons.EQ, "'=' is not an operator, use '=='");
            case '&' -> required('&', AND, null, "expected '&&'");
            case '|' -> required('|', OR, null, "expected '||'");
            case '"' -> string();
            default -> {
                if (c == '-' || isDigit(c)) {
                    number();
                } else if (Character.isJavaIdentifierStart(c)) {
                    identifier();
                } else {
                    throw error("unexpected character '" + oneLine(String.valueOf(c)) + "'", pos);
                }
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void single(int tokenType) {
        type = tokenType;
        pos++;
    }

    private boolean twoChar(char second, int tokenType, Object tokenValue) {
        if (pos + 1 < text.length() && text.charAt(pos + 1) == second) {
            type = tokenType;
            value = tokenValue;
            pos += 2;
            return true;
        }
        return false;
    }

    private void required(char second, int tokenType, Object tokenValue, String otherwise) {
        if (!twoChar(second, tokenType, tokenValue)) {
            throw error(otherwise, pos);
        }
    }

    private void identifier() {
        while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        type = LITERAL;
        switch (word) {
            case "true" -> value = Boolean.TRUE;
            case "false" -> value = Boolean.FALSE;
            case "null" -> value = null;
            default -> {
                type = IDENTIFIER;
                value = word;
            }
        }
    }

    private void string() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string", start);
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (pos == text.length()) {
                    throw error("unterminated string", start);
                }
                char e = text.charAt(pos);
                switch (e) {
                    case '"', '\\' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    default -> throw error("unknown escape '\\" + oneLine(String.valueOf(e))
                        + "' (use \\\" \\\\ \\n \\t)", pos - 1);
                }
                pos++;
            } else {
                sb.append(c);
            }
        }
        type = LITERAL;
        value = sb.toString();
    }

    /** {@code -12}, {@code 12L}, {@code 1.5}, {@code 1e3}: a Long (BigInteger if larger) or a BigDecimal. */
    private void number() {
        if (text.charAt(pos) == '-') {
            pos++;
            if (pos == text.length() || !isDigit(text.charAt(pos))) {
                throw error("'-' is only allowed before a number", start);
            }
        }
        digits();
        boolean decimal = false;
        if (pos + 1 < text.length() && text.charAt(pos) == '.' && isDigit(text.charAt(pos + 1))) {
            pos++;
            digits();
            decimal = true;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos == text.length() || !isDigit(text.charAt(pos))) {
                throw error("malformed number", start);
            }
            digits();
            decimal = true;
        }
        String number = text.substring(start, pos);
        boolean longSuffix = !decimal && pos < text.length()
            && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l');
        if (longSuffix) {
            pos++;
        }
        if (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
            throw error("malformed number", start);
        }
        type = LITERAL;
        if (decimal) {
            try {
                value = new BigDecimal(number);
            } catch (NumberFormatException e) {
                throw error("number out of range", start);
            }
            return;
        }
        BigInteger integer = new BigInteger(number);
        if (integer.bitLength() < Long.SIZE) {
            value = integer.longValue();
        } else if (longSuffix) {
            throw error("number too large for a long", start);
        } else {
            value = integer;
        }
    }

    private void digits() {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
    }
}
