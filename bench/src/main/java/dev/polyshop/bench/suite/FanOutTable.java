package dev.polyshop.bench.suite;

import dev.polyshop.bench.push.FanOut;
import java.util.List;
import java.util.Locale;

/** The report's push fan-out table, one line per run. */
final class FanOutTable {

  private FanOutTable() {}

  /** One plain progress line. */
  static String line(FanOut f) {
    return String.format(
        Locale.ROOT,
        "rep %d %-28s %d of %d subscribed in %.1f s (%d failed), %d of %d receipts, %d resets,"
            + " %d ended with an error, fan-out p50 %.2f ms p99 %.2f ms max %.2f ms, %.1f KiB heap + %.1f KiB RSS per"
            + " subscriber",
        f.repetition(),
        f.row(),
        f.subscribed(),
        f.wanted(),
        f.subscribeSeconds(),
        f.failed(),
        f.receipts(),
        f.expectedReceipts(),
        f.resets(),
        f.errors(),
        f.p50Micros() / 1000.0,
        f.p99Micros() / 1000.0,
        f.maxMicros() / 1000.0,
        f.heapBytesPerSubscriber() / 1024,
        f.rssBytesPerSubscriber() / 1024);
  }

  static void append(StringBuilder md, List<FanOut> fanOuts) {
    if (fanOuts.isEmpty()) {
      return;
    }
    md.append("### push: fan-out to many subscribers of one topic\n\n")
        .append(
            "Subscribers open, each counted as subscribed when its first message (push-service's"
                + " opening heartbeat) arrives, failed when it still has none after "
                + PushRows.FIRST_MESSAGE_TIMEOUT.toSeconds()
                + " s in which no subscriber got one; then events are published one at a time with"
                + " push-service's Publish, each after every subscriber has the previous one: first"
                + " untimed warm-up events until one's fan-out time agrees with the previous one's"
                + " and the JIT is quiet (at most quick 8, full 30), then the timed ones. Fan-out"
                + " latency runs from just"
                + " before the Publish call to each receipt; a receipt counts as the event whose"
                + " number is in its data, whatever the subscriber received before it. Heap: growth of the live heap after a"
                + " full GC (jcmd) of the serving JVMs; RSS: growth of their process trees; both per"
                + " subscribed subscriber.\n\n")
        .append(
            "| rep | row | subscribers | subscribed | failed | subscribe s | receipts | resets |"
                + " ended with an error | fan-out p50 ms | p99 ms | p99.9 ms | max ms | heap"
                + " KiB/subscriber | RSS KiB/subscriber |\n")
        .append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (FanOut f : fanOuts) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %,d | %,d | %,d | %s | %,d of %,d | %,d | %,d | %s | %s | %s | %s | %s |"
                  + " %s |\n",
              f.repetition(),
              f.row(),
              f.wanted(),
              f.subscribed(),
              f.failed(),
              Report.num(f.subscribeSeconds()),
              f.receipts(),
              f.expectedReceipts(),
              f.resets(),
              f.errors(),
              millis(f, f.p50Micros()),
              millis(f, f.p99Micros()),
              millis(f, f.p999Micros()),
              millis(f, f.maxMicros()),
              Report.num(f.heapBytesPerSubscriber() / 1024),
              Report.num(f.rssBytesPerSubscriber() / 1024)));
    }
    md.append("\n");
  }

  /** A latency in ms, or "–" when nothing was received (a 0 would read as instant). */
  private static String millis(FanOut f, long micros) {
    return Report.num(f.receipts() == 0 ? Double.NaN : micros / 1000.0);
  }
}
