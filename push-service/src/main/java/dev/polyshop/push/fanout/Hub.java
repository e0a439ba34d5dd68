package dev.polyshop.push.fanout;

import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.replay.WireMessage;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Owns both event streams and every live subscriber: admission, heartbeats, shutdown, gauges. */
public final class Hub {

  private final EventStream catalog;
  private final EventStream published;
  private final Executor delivery;
  private final int queueLimit;
  private final int maxSubscribers;
  private final FanoutStats stats;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger count = new AtomicInteger();
  private volatile @Nullable Status closing;

  public Hub(
      EventStream catalog,
      EventStream published,
      Executor delivery,
      int queueLimit,
      int maxSubscribers,
      FanoutStats stats) {
    this.catalog = catalog;
    this.published = published;
    this.delivery = delivery;
    this.queueLimit = queueLimit;
    this.maxSubscribers = maxSubscribers;
    this.stats = stats;
  }

  /** The stream of a topic family. */
  public EventStream stream(TopicFamily family) {
    return family == TopicFamily.CATALOG ? catalog : published;
  }

  /**
   * Starts streaming {@code topics} of {@code family} to {@code call}, after {@code token} (null:
   * only new events). Must be called from the service method, before it returns.
   *
   * @throws CapacityExceededException when this instance is full
   * @throws UnavailableException when it is shutting down
   */
  public void subscribe(
      TopicFamily family,
      Set<String> topics,
      @Nullable EventId token,
      ServerCallStreamObserver<WireMessage> call) {
    if (closing != null) {
      throw new UnavailableException(closing.getDescription());
    }
    EventStream stream = stream(family);
    stream.checkNotAhead(token);
    if (count.incrementAndGet() > maxSubscribers) {
      count.decrementAndGet();
      throw new CapacityExceededException(
          "this instance serves its maximum of " + maxSubscribers + " subscribers");
    }
    Subscriber subscriber =
        new Subscriber(stream, topics, call, delivery, queueLimit, stats, this::remove);
    call.setOnCancelHandler(subscriber::cancelled);
    call.setOnReadyHandler(subscriber::signal);
    subscribers.add(subscriber);
    // Register before reading the log: every later event is either in the log read or offered.
    stream.register(subscriber);
    stream.startOrPark(subscriber, token);
    Status shutdown = closing;
    if (shutdown != null) {
      subscriber.close(shutdown);
    }
  }

  private void remove(Subscriber subscriber) {
    if (subscribers.remove(subscriber)) {
      subscriber.stream().unregister(subscriber);
      count.decrementAndGet();
    }
  }

  /** Sends a heartbeat to every subscriber that has been idle for {@code intervalNanos}. */
  public void heartbeat(long intervalNanos) {
    catalog.recheckWaiting();
    published.recheckWaiting();
    long now = System.nanoTime();
    for (Subscriber subscriber : subscribers) {
      subscriber.heartbeatIfIdle(now, intervalNanos);
    }
  }

  /** Refuses new subscribers and ends every stream with {@code status}. */
  public void closeAll(Status status) {
    closing = status;
    for (Subscriber subscriber : subscribers) {
      subscriber.close(status);
    }
  }

  /** Live subscribers. */
  public int subscriberCount() {
    return count.get();
  }

  /** Events queued across all subscribers, and the deepest single queue. */
  public QueueDepths queueDepths() {
    long total = 0;
    int max = 0;
    for (Subscriber subscriber : subscribers) {
      int depth = subscriber.queueDepth();
      total += depth;
      max = Math.max(max, depth);
    }
    return new QueueDepths(total, max);
  }

  /** A snapshot of subscriber queue depths. */
  public record QueueDepths(long total, int max) {}
}
