package dev.polyshop.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class AccessLogWriterTest {

  /** Keeps every write apart, with the thread that made it. */
  private static final class Recording extends OutputStream {
    final List<String> writes = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
      threads.add(Thread.currentThread().getName());
    }

    String all() {
      return String.join("", writes);
    }
  }

  @Test
  void lines_areWrittenInOrder_byTheBackgroundThread_inFewWholeLineWrites() throws Exception {
    var out = new Recording();
    var writer = new AccessLogWriter(out, 10_000, Duration.ofMillis(20));
    for (int i = 0; i < 1_000; i++) {
      writer.add("GET /api/ping 200 0ms id=" + i + " client=127.0.0.1");
    }
    writer.close();

    List<String> lines = out.all().lines().toList();
    assertThat(lines).hasSize(1_000);
    for (int i = 0; i < 1_000; i++) {
      assertThat(lines.get(i))
          .matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z  INFO polyshop\\.access : GET /api/ping .*")
          .endsWith("id=" + i + " client=127.0.0.1");
    }
    assertThat(out.threads).containsOnly("access-log");
    assertThat(out.writes)
        .as("batched: a write per chunk, not per line")
        .hasSizeLessThan(1_000 / 10)
        .allSatisfy(
            write -> {
              assertThat(write).endsWith("\n");
              assertThat(write.getBytes(StandardCharsets.UTF_8).length)
                  .isLessThanOrEqualTo(AccessLogWriter.CHUNK_BYTES);
            });
  }

  @Test
  void linesFromManyThreads_areAllWritten() throws Exception {
    var out = new ByteArrayOutputStream();
    var writer = new AccessLogWriter(out, 1_000, Duration.ofMillis(5));
    try (var pool = Executors.newFixedThreadPool(4)) {
      for (int t = 0; t < 4; t++) {
        int thread = t;
        pool.submit(
            () -> {
              for (int i = 0; i < 5_000; i++) {
                writer.add("t" + thread + " " + i);
              }
            });
      }
    }
    writer.close();

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(20_000).doesNotHaveDuplicates();
  }

  @Test
  void whenOutputIsStuck_addWaitsForRoom_insteadOfDroppingALine() throws Exception {
    var release = new CountDownLatch(1);
    var written = new ByteArrayOutputStream();
    OutputStream stuck =
        new OutputStream() {
          @Override
          public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] bytes, int offset, int length) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            written.write(bytes, offset, length);
          }
        };
    var writer = new AccessLogWriter(stuck, 10, Duration.ofMillis(1));
    List<String> sent = new ArrayList<>();
    var adder =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    writer.add("line " + i);
                    synchronized (sent) {
                      sent.add("line " + i);
                    }
                  }
                });
    adder.join(500);
    assertThat(adder.isAlive()).as("add() waits while the queue is full").isTrue();
    synchronized (sent) {
      assertThat(sent.size()).isLessThan(100);
    }

    release.countDown();
    assertThat(adder.join(Duration.ofSeconds(5))).isTrue();
    writer.close();
    assertThat(written.toString(StandardCharsets.UTF_8).lines().count()).isEqualTo(100);
  }
}
