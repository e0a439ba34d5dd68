package dev.polyshop.bench.load;

/** A bounded FIFO of primitive longs (intended send times waiting for a free connection). */
final class LongQueue {

  private final long[] items;
  private int head;
  private int size;

  LongQueue(int capacity) {
    items = new long[capacity];
  }

  /** Adds {@code value}; false when the queue is full. */
  boolean offer(long value) {
    if (size == items.length) {
      return false;
    }
    items[(head + size) % items.length] = value;
    size++;
    return true;
  }

  long poll() {
    if (size == 0) {
      throw new IllegalStateException("empty");
    }
    long value = items[head];
    head = (head + 1) % items.length;
    size--;
    return value;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }
}
