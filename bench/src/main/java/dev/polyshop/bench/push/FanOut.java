package dev.polyshop.bench.push;

import org.HdrHistogram.Histogram;

/**
 * One fan-out run: many subscribers to one topic, a few events published to it.
 *
 * @param row what was measured, e.g. {@code push-service (gRPC)}
 * @param wanted subscribers opened
 * @param subscribed those whose first message came within the timeout
 * @param failed those that got nothing in time or whose subscription failed ({@code wanted -
 *     subscribed})
 * @param subscribeSeconds from the first subscription requested to the last first message (or the
 *     timeout)
 * @param receipts events received, over all events and subscribers
 * @param expectedReceipts {@code events × subscribed}
 * @param resets {@code Reset}s received (explicit gaps) over all subscribers
 * @param errors subscriptions that ended with an error
 * @param p50Micros fan-out latency: from just before the publish call to a subscriber's receipt
 * @param heapBytesPerSubscriber growth of the live heap (after a full GC) of the serving JVMs,
 *     divided by {@code subscribed}
 * @param rssBytesPerSubscriber growth of the serving process trees' resident memory, likewise
 */
public record FanOut(
    int repetition,
    String row,
    int wanted,
    int subscribed,
    int failed,
    double subscribeSeconds,
    int events,
    long receipts,
    long expectedReceipts,
    int resets,
    int errors,
    long p50Micros,
    long p99Micros,
    long p999Micros,
    long maxMicros,
    double heapBytesPerSubscriber,
    double rssBytesPerSubscriber) {

  /** Whether every subscriber subscribed and received every event. */
  public boolean complete() {
    return failed == 0 && receipts == expectedReceipts && wanted > 0;
  }

  public static FanOut of(
      int repetition,
      String row,
      Subscribers s,
      double subscribeSeconds,
      int events,
      double heapPerSubscriber,
      double rssPerSubscriber) {
    Histogram h = s.fanOut();
    return new FanOut(
        repetition,
        row,
        s.wanted(),
        s.subscribed(),
        s.wanted() - s.subscribed(),
        subscribeSeconds,
        events,
        h.getTotalCount(),
        (long) events * s.subscribed(),
        s.resets(),
        s.errors(),
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9),
        h.getMaxValue(),
        heapPerSubscriber,
        rssPerSubscriber);
  }
}
