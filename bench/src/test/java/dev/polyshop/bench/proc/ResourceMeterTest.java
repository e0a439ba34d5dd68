package dev.polyshop.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceMeterTest {

  @TempDir Path proc;

  @Test
  void treeMeter_countsTheCpuOfEveryDescendant_usedDuringTheRun() throws IOException {
    process(10, 1, 100, 1000);
    process(11, 10, 50, 2000);
    var meter = new ResourceMeter(new ProcFs(proc), List.of(10), 100);

    meter.start();
    process(10, 1, 130, 1000);
    process(11, 10, 120, 2500);
    var reading = meter.stop();

    assertThat(reading.cpuSeconds()).isEqualTo(1.0); // (30 + 70) ticks at 100 per second
    assertThat(reading.peakRssKib()).isEqualTo(3500);
  }

  @Test
  void singleMeter_leavesOutTheChildren_likeTheServersTheSuiteStarted() throws IOException {
    process(10, 1, 100, 1000);
    process(11, 10, 50, 2000);
    var meter = ResourceMeter.single(new ProcFs(proc), 10, 100);

    meter.start();
    process(10, 1, 110, 1000);
    process(11, 10, 900, 2000);
    var reading = meter.stop();

    assertThat(reading.cpuSeconds()).isEqualTo(0.1);
    assertThat(reading.peakRssKib()).isEqualTo(1000);
  }

  private void process(int pid, int ppid, long ticks, long rssKib) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
    Files.writeString(
        dir.resolve("stat"),
        pid + " (p) S " + ppid + " 0 0 0 -1 0 0 0 0 0 " + ticks + " 0 0 0 20 0 1 0 1 0 0\n");
    Files.writeString(dir.resolve("status"), "VmRSS:\t" + rssKib + " kB\n");
  }
}
