package dev.polyshop.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

  @TempDir Path proc;

  @Test
  void parseStat_readsPidParentAndCpuTicks() {
    var stat =
        ProcFs.parseStat(
            "4242 (gin) S 4200 4242 4200 0 -1 4194560 1520 0 0 0 731 118 0 0 20 0 9 0 123 0 0");

    assertThat(stat).isEqualTo(new ProcFs.Stat(4242, 4200, 731, 118));
    assertThat(stat.cpuTicks()).isEqualTo(849);
  }

  @Test
  void parseStat_countsFieldsAfterTheLastParenthesis_whenTheNameHasSpacesAndParentheses() {
    var stat =
        ProcFs.parseStat("77 (uv (worker) 1) R 1 77 77 0 -1 0 0 0 0 0 5 6 0 0 20 0 1 0 9 0 0");

    assertThat(stat).isEqualTo(new ProcFs.Stat(77, 1, 5, 6));
  }

  @Test
  void compilerTicks_sumTheJitThreadsOfEachProcess_andNothingElse() throws IOException {
    task(10, 10, "java", 500, 100);
    task(10, 11, "C2 CompilerThre", 70, 5);
    task(10, 12, "C1 CompilerThre", 20, 5);
    task(10, 13, "reactor-http-ep", 900, 300);
    task(20, 21, "C2 CompilerThre", 1, 0);
    task(30, 30, "gin", 50, 50);

    var procFs = new ProcFs(proc);

    assertThat(procFs.compilerTicks(List.of(10))).isEqualTo(100);
    assertThat(procFs.compilerTicks(List.of(10, 20, 30, 99))).isEqualTo(101);
  }

  private void task(int pid, int tid, String name, long user, long system) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(pid + "/task/" + tid));
    Files.writeString(dir.resolve("comm"), name + "\n");
    Files.writeString(
        dir.resolve("stat"),
        tid + " (" + name + ") S " + pid + " 1 1 0 -1 0 0 0 0 0 " + user + " " + system + " 0 0");
  }

  @Test
  void parseStat_rejectsALineThatIsNotStat() {
    assertThatThrownBy(() -> ProcFs.parseStat("hello"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parseRssKib_readsVmRss_andIsZeroForKernelThreads() {
    assertThat(
            ProcFs.parseRssKib(List.of("Name:\tjava", "VmHWM:\t  90000 kB", "VmRSS:\t   81234 kB")))
        .isEqualTo(81234);
    assertThat(ProcFs.parseRssKib(List.of("Name:\tkthreadd", "Threads:\t1"))).isZero();
  }

  @Test
  void tree_findsEveryDescendant_andNothingElse() throws IOException {
    process(1, 0, 1, 1, 100); // init
    process(10, 1, 100, 20, 1000); // uvicorn (the measured root)
    process(11, 10, 50, 5, 2000); // a worker
    process(12, 11, 7, 3, 300); // the worker's child
    process(20, 1, 999, 999, 5000); // an unrelated process

    var fs = new ProcFs(proc);
    var tree = fs.tree(List.of(10));

    assertThat(tree).containsExactlyInAnyOrder(10, 11, 12);
    assertThat(fs.usage(tree)).isEqualTo(new ProcFs.Usage(185, 3300, 3));
  }

  @Test
  void usage_ignoresProcessesThatHaveExited() throws IOException {
    process(10, 1, 100, 20, 1000);

    assertThat(new ProcFs(proc).usage(List.of(10, 99))).isEqualTo(new ProcFs.Usage(120, 1000, 1));
  }

  @Test
  void commandLineContains_findsADaemonByItsArguments() throws IOException {
    process(30, 1, 1, 1, 100);
    process(31, 1, 1, 1, 100);
    Files.write(proc.resolve("30/cmdline"), "postgres\0-D\0/tmp/bench/db-1\0".getBytes());
    Files.write(proc.resolve("31/cmdline"), "java\0-jar\0product.jar\0".getBytes());

    assertThat(new ProcFs(proc).commandLineContains("-D /tmp/bench/db-1")).containsExactly(30);
  }

  private void process(int pid, int ppid, long utime, long stime, long rssKib) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
    Files.writeString(
        dir.resolve("stat"),
        pid
            + " (p"
            + pid
            + ") S "
            + ppid
            + " 0 0 0 -1 0 0 0 0 0 "
            + utime
            + " "
            + stime
            + " 0 0 20 0 1 0 1 0 0\n");
    Files.writeString(dir.resolve("status"), "Name:\tp" + pid + "\nVmRSS:\t" + rssKib + " kB\n");
  }
}
