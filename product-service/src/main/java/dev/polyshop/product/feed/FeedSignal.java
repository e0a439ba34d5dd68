package dev.polyshop.product.feed;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * In-process notice that the feed head moved: long-polling requests park here, holding no database
 * connection, until the sequencer (or its timer, which also sees other replicas' work) signals.
 * Stops first on shutdown and releases every waiter so graceful shutdown is not held up.
 */
@Component
class FeedSignal implements SmartLifecycle {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition advanced = lock.newCondition();
  private long head;
  private boolean closed;
  private volatile boolean running;

  /** Records that positions up to {@code position} are visible and wakes waiters. */
  void advanceTo(long position) {
    lock.lock();
    try {
      if (position > head) {
        head = position;
        advanced.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records the head exactly as the database has it, lower too: after a restore the head goes back,
   * and waiters must then wait for positions beyond the new head, not the lost one.
   */
  void publish(long position) {
    lock.lock();
    try {
      if (position > head) {
        advanced.signalAll();
      }
      head = position;
    } finally {
      lock.unlock();
    }
  }

  long head() {
    lock.lock();
    try {
      return head;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the head is beyond {@code seen}.
   *
   * @return true if it is; false on timeout or shutdown
   */
  boolean awaitBeyond(long seen, long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      long remaining = timeoutNanos;
      while (head <= seen && !closed) {
        if (remaining <= 0) {
          return false;
        }
        remaining = advanced.awaitNanos(remaining);
      }
      return head > seen;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    lock.lock();
    try {
      closed = true;
      advanced.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
