package dev.polyshop.bench.proc;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Measures a process tree during a run: CPU time used between {@link #start} and {@link #stop}, and
 * the peak of its summed resident memory, sampled every 100 ms on a daemon thread.
 */
public final class ResourceMeter {

  /** What the tree used: CPU seconds over the run and peak RSS in KiB. */
  public record Reading(double cpuSeconds, long peakRssKib) {}

  private final ProcFs proc;
  private final Collection<Integer> roots;
  private final double ticksPerSecond;
  private final boolean descendants;
  private final AtomicLong peakRss = new AtomicLong();
  private volatile boolean running;
  private @Nullable Thread sampler;
  private long startTicks;
  private volatile Set<Integer> pids = Set.of();

  /** Measures {@code roots} and all their descendants. */
  public ResourceMeter(ProcFs proc, Collection<Integer> roots, double ticksPerSecond) {
    this(proc, roots, ticksPerSecond, true);
  }

  private ResourceMeter(
      ProcFs proc, Collection<Integer> roots, double ticksPerSecond, boolean descendants) {
    this.proc = proc;
    this.roots = List.copyOf(roots);
    this.ticksPerSecond = ticksPerSecond;
    this.descendants = descendants;
  }

  /**
   * Measures this JVM alone: the servers it started are its children and must not count as the
   * generator's own cost.
   */
  public static ResourceMeter self(ProcFs proc, double ticksPerSecond) {
    return single(proc, (int) ProcessHandle.current().pid(), ticksPerSecond);
  }

  /** Measures one process without its descendants. */
  static ResourceMeter single(ProcFs proc, int pid, double ticksPerSecond) {
    return new ResourceMeter(proc, List.of(pid), ticksPerSecond, false);
  }

  private Set<Integer> pids() throws IOException {
    return descendants ? proc.tree(roots) : Set.copyOf(roots);
  }

  public void start() throws IOException {
    pids = pids();
    startTicks = proc.usage(pids).cpuTicks();
    running = true;
    sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(this::sample);
  }

  public Reading stop() throws IOException {
    running = false;
    Thread sampler = Objects.requireNonNull(this.sampler, "stop() before start()");
    sampler.interrupt();
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Children started during the run are found again; ones that exited took their CPU with them.
    pids = pids();
    var end = proc.usage(pids);
    peakRss.accumulateAndGet(end.rssKib(), Math::max);
    return new Reading((end.cpuTicks() - startTicks) / ticksPerSecond, peakRss.get());
  }

  private void sample() {
    int round = 0;
    while (running) {
      try {
        if (++round % 10 == 0) {
          pids = pids();
        }
        peakRss.accumulateAndGet(proc.usage(pids).rssKib(), Math::max);
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        // /proc changed under us; sample again next round
      }
    }
  }

  /** The kernel's clock ticks per second ({@code getconf CLK_TCK}), 100 if that cannot be asked. */
  public static double clockTicksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 ? Double.parseDouble(out) : 100;
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
