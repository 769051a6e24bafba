package org.statestore.backup.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands items to a consumer running on its own thread through a small bounded queue, so producing the
 * next item overlaps consuming the previous one while memory stays bounded. A failure on the consumer's
 * side is rethrown to the producer at its next {@link #put} or at {@link #finish}.
 */
final class BackgroundConsumer<T> implements AutoCloseable {

    private final Object end = new Object();
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean finished;

    BackgroundConsumer(String name, int capacity, Consumer<T> consumer) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(() -> run(consumer), name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @SuppressWarnings("unchecked")
    private void run(Consumer<T> consumer) {
        try {
            while (true) {
                Object item = queue.take();
                if (item == end) {
                    return;
                }
                consumer.accept((T) item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            queue.clear();
        }
    }

    /** Queues an item, waiting while the queue is full; rethrows the consumer's failure. */
    void put(T item) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
                if (!thread.isAlive()) {
                    throw new IllegalStateException(thread.getName() + " stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        rethrowFailure();
    }

    /** Waits until every queued item is consumed; rethrows the consumer's failure. */
    void finish() {
        try {
            while (!queue.offer(end, 100, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        finished = true;
        rethrowFailure();
    }

    private void rethrowFailure() {
        Throwable t = failure;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(thread.getName() + " failed", t);
        }
    }

    /** Stops the consumer if {@link #finish} was not reached (the producer failed). */
    @Override
    public void close() {
        if (!finished) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
