package dev.polyshop.bench.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM's live heap, asked through {@code jcmd}: a full GC, then the heap's used bytes. */
public final class JvmHeap {

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private final Path jcmd;

  /**
   * @param jcmd the {@code jcmd} of the JDK that runs the measured JVMs
   */
  public JvmHeap(Path jcmd) {
    this.jcmd = jcmd;
  }

  /** Bytes of heap in use right after a full collection of {@code pid}. */
  public long usedAfterGc(long pid) throws IOException, InterruptedException {
    run(pid, "GC.run");
    return usedBytes(run(pid, "GC.heap_info"));
  }

  /**
   * The used bytes in {@code GC.heap_info} output, summed over the heap's spaces (G1 prints one
   * heap line, Serial and Parallel one per generation; their eden/survivor lines give percentages
   * only); Metaspace is not heap.
   */
  static long usedBytes(String heapInfo) {
    long kib = 0;
    for (String line : heapInfo.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("Metaspace") || trimmed.startsWith("class space")) {
        continue;
      }
      Matcher m = USED.matcher(trimmed);
      if (m.find()) {
        kib += Long.parseLong(m.group(1));
      }
    }
    return kib * 1024;
  }

  private String run(long pid, String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
    }
    return out;
  }
}
