package dev.airlock.recorder.snapshot;

import static dev.airlock.recorder.snapshot.SnapshotCondition.MAX_NESTING;

import dev.airlock.recorder.snapshot.SnapshotCondition.Comparison;
import dev.airlock.recorder.snapshot.SnapshotCondition.Junction;
import dev.airlock.recorder.snapshot.SnapshotCondition.Literal;
import dev.airlock.recorder.snapshot.SnapshotCondition.Node;
import dev.airlock.recorder.snapshot.SnapshotCondition.Not;
import dev.airlock.recorder.snapshot.SnapshotCondition.Path;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Recursive descent over the grammar in {@link SnapshotCondition}; collects the paths as it goes. */
final class ConditionParser {
    final Set<String> roots = new LinkedHashSet<>();
    final List<List<String>> paths = new ArrayList<>();
    private final ConditionLexer lexer;
    private int nesting;

    ConditionParser(String text) {
        this.lexer = new ConditionLexer(text);
    }

    Node parse() {
        lexer.advance();
        Node node = or();
        if (lexer.type != ConditionLexer.END) {
            throw lexer.error("unexpected '" + lexer.tokenText() + "'", lexer.start);
        }
        return node;
    }

    private Node or() {
        int start = lexer.start;
        Node first = and();
        if (lexer.type != ConditionLexer.OR) {
            return first;
        }
        List<Node> operands = new ArrayList<>(List.of(first));
        while (lexer.type == ConditionLexer.OR) {
            lexer.advance();
            operands.add(and());
        }
        return new Junction(lexer.sourceFrom(start), false, operands.toArray(new Node[0]));
    }

    private Node and() {
        int start = lexer.start;
        Node first = unary();
        if (lexer.type != ConditionLexer.AND) {
            return first;
        }
        List<Node> operands = new ArrayList<>(List.of(first));
        while (lexer.type == ConditionLexer.AND) {
            lexer.advance();
            operands.add(unary());
        }
        return new Junction(lexer.sourceFrom(start), true, operands.toArray(new Node[0]));
    }

    private Node unary() {
        int start = lexer.start;
        if (lexer.type != ConditionLexer.NOT) {
            return comparison();
        }
        deeper(start);
        lexer.advance();
        Node operand = unary();
        nesting--;
        return new Not(lexer.sourceFrom(start), operand);
    }

    private Node comparison() {
        int start = lexer.start;
        Node left = operand();
        if (lexer.type != ConditionLexer.COMPARE) {
            return left;
        }
        int op = (Integer) lexer.value;
        lexer.advance();
        Node right = operand();
        return new Comparison(lexer.sourceFrom(start), op, left, right);
    }

    private Node operand() {
        int start = lexer.start;
        switch (lexer.type) {
            case ConditionLexer.LITERAL:
                Object constant = lexer.value;
                lexer.advance();
                return new Literal(lexer.sourceFrom(start), constant);
            case ConditionLexer.IDENTIFIER:
                return path(start);
            case ConditionLexer.OPEN:
                deeper(start);
                lexer.advance();
                Node inner = or();
                if (lexer.type != ConditionLexer.CLOSE) {
                    throw lexer.error("expected ')'", lexer.start);
                }
                lexer.advance();
                nesting--;
                return inner;
            default:
                throw lexer.error("expected a value", start);
        }
    }

    private Node path(int start) {
        List<String> names = new ArrayList<>();
        names.add((String) lexer.value);
        lexer.advance();
        while (lexer.type == ConditionLexer.DOT) {
            lexer.advance();
            if (lexer.type != ConditionLexer.IDENTIFIER) {
                throw lexer.error("expected a field name after '.'", lexer.start);
            }
            names.add((String) lexer.value);
            lexer.advance();
        }
        if (lexer.type == ConditionLexer.OPEN) {
            throw lexer.error("method calls are not allowed", lexer.start);
        }
        roots.add(names.get(0));
        List<String> path = List.copyOf(names);
        if (!paths.contains(path)) {
            paths.add(path);
        }
        return new Path(lexer.sourceFrom(start), names);
    }

    private void deeper(int at) {
        if (++nesting > MAX_NESTING) {
            throw lexer.error("nesting deeper than " + MAX_NESTING, at);
        }
    }
}
