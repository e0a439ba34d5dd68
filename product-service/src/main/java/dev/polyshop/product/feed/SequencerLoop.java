package dev.polyshop.product.feed;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the sequencer on one background thread: right after local commits ({@link #runSoon()}), and
 * on a short timer that also catches events committed by other replicas or left behind by a crash.
 * Runs are coalesced, so a burst of writes costs one sequencer transaction. Before the first run
 * and every few seconds it also checks that the feed id still belongs to this database ({@link
 * FeedIdentity}), so a failover under a running service is noticed too.
 */
@Component
class SequencerLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SequencerLoop.class);

  private static final Duration STOP_WAIT = Duration.ofSeconds(5);
  private static final Duration IDENTITY_CHECK_INTERVAL = Duration.ofSeconds(5);

  private final FeedSequencer sequencer;
  private final FeedIdentity identity;
  private final Duration interval;
  private final Semaphore requests = new Semaphore(0);
  private volatile boolean running;
  private @Nullable Thread thread;

  SequencerLoop(FeedSequencer sequencer, FeedIdentity identity, FeedProperties properties) {
    this.sequencer = sequencer;
    this.identity = identity;
    this.interval = properties.sequencerInterval();
  }

  /** Asks for a run as soon as possible (called after a local commit). */
  void runSoon() {
    requests.release();
  }

  /** Checks the feed identity before the web server serves a single page. */
  @Override
  public void start() {
    try {
      identity.verify();
    } catch (RuntimeException error) {
      log.warn("Feed identity check failed; the sequencer loop retries it", error);
    }
    running = true;
    thread = Thread.ofPlatform().name("feed-sequencer").daemon().start(this::loop);
  }

  /** Lets the loop make one last run for the final commits, waiting a bounded time for it. */
  @Override
  public void stop() {
    running = false;
    requests.release();
    Thread loop = thread;
    if (loop == null) {
      return;
    }
    try {
      loop.join(STOP_WAIT);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Starts before and stops after the web server, so in-flight writes are still sequenced. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  private void loop() {
    boolean failing = false;
    boolean last = false;
    long identityCheckedAt = System.nanoTime();
    while (!last) {
      try {
        requests.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
        requests.drainPermits();
        last = !running;
        if (System.nanoTime() - identityCheckedAt >= IDENTITY_CHECK_INTERVAL.toNanos()) {
          identityCheckedAt = System.nanoTime();
          identity.verify();
        }
        sequencer.sequence();
        if (failing) {
          log.info("Feed sequencer recovered");
          failing = false;
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException error) {
        if (!failing || last) {
          log.warn("Feed sequencer run failed; retrying every {}", interval, error);
          failing = true;
        }
      }
    }
  }
}
