package dev.polyshop.push.fanout;

import com.google.protobuf.Timestamp;
import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.replay.EventLog;
import dev.polyshop.push.replay.LoggedEvent;
import dev.polyshop.push.v1.Event;
import dev.polyshop.push.v1.Reset;
import dev.polyshop.push.v1.ResetReason;
import dev.polyshop.push.v1.SubscribeResponse;
import io.grpc.Status;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One id family's events: the retained log plus the index of live subscribers by topic. Appends are
 * serialised, so every subscriber sees a family's events in log order.
 */
public final class EventStream {

  private final EventLog log;
  private final FanoutStats stats;
  private final ConcurrentHashMap<String, Set<Subscriber>> byTopic = new ConcurrentHashMap<>();
  private volatile Supplier<EventId> newSubscriberFloor = () -> null;
  private volatile Supplier<EventId> deferredFloor = () -> null;
  private volatile Supplier<EventId> ceiling = () -> null;
  private volatile ResumeGate gate = ResumeGate.OPEN;
  // Guarded by this: resumes the gate holds back, with their token and arrival time.
  private final Map<Subscriber, Waiting> waiting = new HashMap<>();

  private record Waiting(EventId token, Instant since) {}

  /** Marks a new subscriber's floor as not known yet (see {@link #setNewSubscriberFloor}). */
  public static final EventId DEFERRED = EventId.afterPosition(Long.MAX_VALUE);

  public EventStream(EventLog log, FanoutStats stats) {
    this.log = log;
    this.stats = stats;
  }

  /** Logs an event and offers it to every subscriber of its topic; never blocks on a subscriber. */
  public synchronized LoggedEvent append(
      EventId id, String topic, String type, String dataJson, Timestamp time) {
    Event event =
        Event.newBuilder()
            .setId(id.toString())
            .setTopic(topic)
            .setType(type)
            .setDataJson(dataJson)
            .setTime(time)
            .build();
    LoggedEvent logged =
        log.append(id, topic, SubscribeResponse.newBuilder().setEvent(event).build());
    Set<Subscriber> subscribers = byTopic.get(topic);
    int count = 0;
    if (subscribers != null) {
      for (Subscriber subscriber : subscribers) {
        subscriber.offer(logged);
        count++;
      }
    }
    stats.fannedOut(System.nanoTime() - logged.appendedNanos(), count);
    return logged;
  }

  /**
   * Records that the events after the newest logged one, through {@code through}, are lost at the
   * source: a marker in the log makes every subscriber meet a Reset at exactly that point, in order
   * with its events, whether it is replaying or live (live ones go back to the log to reach it).
   */
  public synchronized void gap(EventId through, ResetReason reason) {
    log.append(
        through,
        null,
        SubscribeResponse.newBuilder()
            .setReset(Reset.newBuilder().setReason(reason).setResumeToken(through.toString()))
            .build());
    Set<Subscriber> everyone = new HashSet<>();
    byTopic.values().forEach(everyone::addAll);
    everyone.forEach(Subscriber::rescan);
  }

  /**
   * Tells where the source stands: {@code ceiling} returns the newest id it can have produced
   * (null: unknown), so that a resume token after it is refused rather than waited for forever.
   */
  public void setCeiling(Supplier<EventId> ceiling) {
    this.ceiling = ceiling;
  }

  /**
   * Refuses a resume token after every id the source has produced: such a stream would stay silent
   * until ids pass it (or forever).
   *
   * @throws ResumeAheadException when {@code token} is ahead of the source
   */
  void checkNotAhead(@Nullable EventId token) {
    if (token == null || !token.isAfter(log.lastId())) {
      return;
    }
    EventId newest = ceiling.get();
    if (newest != null && token.isAfter(newest)) {
      throw aheadOfSource(token, newest);
    }
  }

  private static ResumeAheadException aheadOfSource(EventId token, @Nullable EventId newest) {
    return new ResumeAheadException(
        "resume_token: '"
            + token
            + "' is ahead of every event this service has produced"
            + (newest != null ? " (newest possible: " + newest + ")" : "")
            + "; resume with an id you received, or without a token");
  }

  /** Holds resumes back while {@code gate} says so (see {@link ResumeGate}). */
  public void setResumeGate(ResumeGate gate) {
    this.gate = gate;
  }

  /**
   * Starts {@code subscriber} after {@code token} (null: only new events) now, or parks it until
   * the gate lets it start; the subscriber must be registered already.
   */
  synchronized void startOrPark(Subscriber subscriber, @Nullable EventId token) {
    if (token == null) {
      subscriber.start(log.startAfter(null), newSubscriberFloor());
      return;
    }
    Instant now = Instant.now();
    switch (gate.check(token, now)) {
      case START -> subscriber.start(log.startAfter(token), token);
      case WAIT, AHEAD -> {
        // Ahead already on arrival is told on the next check, like any later verdict.
        waiting.put(subscriber, new Waiting(token, now));
        subscriber.await(token);
      }
    }
  }

  /** Asks the gate again for every parked resume: starts them, or ends the ones ahead. */
  public synchronized void recheckWaiting() {
    if (waiting.isEmpty()) {
      return;
    }
    for (var it = waiting.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      Waiting w = entry.getValue();
      switch (gate.check(w.token(), w.since())) {
        case START -> {
          it.remove();
          entry.getKey().start(log.startAfter(w.token()), w.token());
        }
        case AHEAD -> {
          it.remove();
          entry
              .getKey()
              .close(
                  Status.INVALID_ARGUMENT.withDescription(
                      aheadOfSource(w.token(), null).getMessage()));
        }
        case WAIT -> {}
      }
    }
  }

  /** Parked resumes. */
  public synchronized int waitingCount() {
    return waiting.size();
  }

  /** The retained events of this family. */
  public EventLog log() {
    return log;
  }

  /**
   * Decides what a subscriber without a resume token has already "seen": events up to the id {@code
   * atSubscribe} returns (null: everything logged so far) are not delivered to it. It may return
   * {@link #DEFERRED} when that is not known yet; {@code whenDeferred} then decides at the
   * subscriber's first event.
   */
  public void setNewSubscriberFloor(Supplier<EventId> atSubscribe, Supplier<EventId> whenDeferred) {
    this.newSubscriberFloor = atSubscribe;
    this.deferredFloor = whenDeferred;
  }

  /**
   * The newest logged id, read under the append lock: every event up to it has been offered to the
   * live subscribers of its topic.
   */
  synchronized @Nullable EventId settledHead() {
    return log.lastId();
  }

  EventId newSubscriberFloor() {
    return newSubscriberFloor.get();
  }

  EventId deferredFloor() {
    return deferredFloor.get();
  }

  void register(Subscriber subscriber) {
    for (String topic : subscriber.topics()) {
      byTopic.compute(
          topic,
          (t, set) -> {
            Set<Subscriber> target = set != null ? set : ConcurrentHashMap.newKeySet();
            target.add(subscriber);
            return target;
          });
    }
  }

  void unregister(Subscriber subscriber) {
    synchronized (this) {
      waiting.remove(subscriber);
    }
    for (String topic : subscriber.topics()) {
      byTopic.computeIfPresent(
          topic,
          (t, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
          });
    }
  }

  /** Number of topics that have at least one subscriber. */
  public int topicCount() {
    return byTopic.size();
  }
}
