package dev.polyshop.bench.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads process CPU time, resident memory and parentage from a Linux {@code /proc} tree. */
public final class ProcFs {

  /** One line of {@code /proc/<pid>/stat}: CPU times are in clock ticks. */
  public record Stat(int pid, int ppid, long userTicks, long systemTicks) {
    public long cpuTicks() {
      return userTicks + systemTicks;
    }
  }

  /** CPU time and resident memory summed over a set of processes. */
  public record Usage(long cpuTicks, long rssKib, int processes) {}

  private final Path root;

  public ProcFs(Path root) {
    this.root = root;
  }

  public static ProcFs system() {
    return new ProcFs(Path.of("/proc"));
  }

  /**
   * Parses a stat line. The command name (field 2) is in parentheses and may itself contain spaces
   * and parentheses, so fields are counted from the last {@code ')'}.
   */
  public static Stat parseStat(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc stat line: " + line);
    }
    int pid = Integer.parseInt(line.substring(0, open).trim());
    // After ") ": state(3) ppid(4) pgrp(5) session(6) tty_nr(7) tpgid(8) flags(9) minflt(10)
    // cminflt(11) majflt(12) cmajflt(13) utime(14) stime(15)
    String[] f = line.substring(close + 2).trim().split(" +");
    if (f.length < 13) {
      throw new IllegalArgumentException("short /proc stat line: " + line);
    }
    return new Stat(pid, Integer.parseInt(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]));
  }

  /**
   * Parses the {@code VmRSS:} line of {@code /proc/<pid>/status}, in KiB (0 for kernel threads).
   */
  public static long parseRssKib(List<String> statusLines) {
    for (String line : statusLines) {
      if (line.startsWith("VmRSS:")) {
        String[] f = line.substring("VmRSS:".length()).trim().split("\\s+");
        return Long.parseLong(f[0]);
      }
    }
    return 0;
  }

  /** The stat of {@code pid}, empty if it has exited. */
  public Optional<Stat> stat(int pid) {
    try {
      return Optional.of(parseStat(Files.readString(root.resolve(pid + "/stat"))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Each root pid with all its living descendants. */
  public Set<Integer> tree(Collection<Integer> roots) throws IOException {
    Map<Integer, List<Integer>> children = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "[0-9]*")) {
      for (Path dir : dirs) {
        stat(Integer.parseInt(dir.getFileName().toString()))
            .ifPresent(
                s -> children.computeIfAbsent(s.ppid(), k -> new ArrayList<>()).add(s.pid()));
      }
    }
    Set<Integer> found = new LinkedHashSet<>();
    var todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      int pid = todo.poll();
      if (found.add(pid)) {
        todo.addAll(children.getOrDefault(pid, List.of()));
      }
    }
    return found;
  }

  /**
   * Processes whose command line contains {@code text}: a daemon that left the tree of the process
   * that started it (PostgreSQL started through {@code pg_ctl}) is found by its data directory.
   */
  public List<Integer> commandLineContains(String text) throws IOException {
    List<Integer> found = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "[0-9]*")) {
      for (Path dir : dirs) {
        try {
          byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
          String cmdline =
              new String(raw, java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
          if (cmdline.contains(text)) {
            found.add(Integer.parseInt(dir.getFileName().toString()));
          }
        } catch (IOException e) {
          // exited while we looked
        }
      }
    }
    return found;
  }

  /**
   * CPU ticks of the JIT compiler threads (HotSpot's {@code C1 CompilerThread*} and {@code C2
   * CompilerThread*}, whose names the kernel truncates to 15 characters) summed over {@code pids};
   * 0 for processes that are not JVMs or have exited.
   */
  public long compilerTicks(Collection<Integer> pids) {
    long ticks = 0;
    for (int pid : pids) {
      try (DirectoryStream<Path> tasks = Files.newDirectoryStream(root.resolve(pid + "/task"))) {
        for (Path task : tasks) {
          try {
            String name = Files.readString(task.resolve("comm")).strip();
            if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
              ticks += parseStat(Files.readString(task.resolve("stat"))).cpuTicks();
            }
          } catch (IOException e) {
            // the thread ended while we looked
          }
        }
      } catch (IOException e) {
        // the process exited
      }
    }
    return ticks;
  }

  /** CPU ticks and RSS summed over {@code pids}; processes that have exited count as nothing. */
  public Usage usage(Collection<Integer> pids) {
    long ticks = 0;
    long rss = 0;
    int alive = 0;
    for (int pid : pids) {
      Optional<Stat> stat = stat(pid);
      if (stat.isEmpty()) {
        continue;
      }
      alive++;
      ticks += stat.get().cpuTicks();
      try {
        rss += parseRssKib(Files.readAllLines(root.resolve(pid + "/status")));
      } catch (IOException e) {
        // exited between the two reads
      }
    }
    return new Usage(ticks, rss, alive);
  }
}
