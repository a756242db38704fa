package dev.airlock.bridge;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The function an application gives a {@code CompletableFuture} stage ({@code thenApply},
 * {@code whenComplete}, {@code supplyAsync}, ...), wrapped so that it runs as a logical thread named
 * where the stage was made ({@link Orderer#stageMade}): a stage's function runs on whichever thread
 * completes the future before it, or on the caller if that future is done already, which differs on
 * replay. One wrapper per functional interface the stages take.
 */
final class StageFunctions {

    private StageFunctions() {
    }

    static final class OfFunction<T, R> implements Function<T, R> {
        private final Function<T, R> f;
        private final Object name;

        OfFunction(Function<T, R> f, Object name) {
            this.f = f;
            this.name = name;
        }

        @Override
        public R apply(T t) {
            Object run = Order.stageStarting(name);
            try {
                return f.apply(t);
            } finally {
                Order.runEnded(run);
            }
        }
    }

    static final class OfBiFunction<T, U, R> implements BiFunction<T, U, R> {
        private final BiFunction<T, U, R> f;
        private final Object name;

        OfBiFunction(BiFunction<T, U, R> f, Object name) {
            this.f = f;
            this.name = name;
        }

        @Override
        public R apply(T t, U u) {
            Object run = Order.stageStarting(name);
            try {
                return f.apply(t, u);
            } finally {
                Order.runEnded(run);
            }
        }
    }

    static final class OfConsumer<T> implements Consumer<T> {
        private final Consumer<T> f;
        private final Object name;

        OfConsumer(Consumer<T> f, Object name) {
            this.f = f;
            this.name = name;
        }

        @Override
        public void accept(T t) {
            Object run = Order.stageStarting(name);
            try {
                f.accept(t);
            } finally {
                Order.runEnded(run);
            }
        }
    }

    static final class OfBiConsumer<T, U> implements BiConsumer<T, U> {
        private final BiConsumer<T, U> f;
        private final Object name;

        OfBiConsumer(BiConsumer<T, U> f, Object name) {
            this.f = f;
            this.name = name;
        }

        @Override
        public void accept(T t, U u) {
            Object run = Order.stageStarting(name);
            try {
                f.accept(t, u);
            } finally {
                Order.runEnded(run);
            }
        }
    }

    static final class OfRunnable implements Runnable {
        private final Runnable f;
        private final Object name;

        OfRunnable(Runnable f, Object name) {
            this.f = f;
            this.name = name;
        }

        @Override
        public void run() {
            Object run = Order.stageStarting(name);
            try {
                f.run();
            } finally {
                Order.runEnded(run);
            }
        }
    }

    static final class OfSupplier<T> implements Supplier<T> {
        private final Supplier<T> f;
        private final Object name;

        OfSupplier(Supplier<T> f, Object name) {
            this.f = f;
            this.name = name;
        }

        @Override
        public T get() {
            Object run = Order.stageStarting(name);
            try {
                return f.get();
            } finally {
                Order.runEnded(run);
            }
        }
    }
}
