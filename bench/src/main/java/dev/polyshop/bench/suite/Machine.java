package dev.polyshop.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the report says about the machine and the software versions it measured. */
public final class Machine {

  private Machine() {}

  public static Map<String, String> describe(
      String python, Suite.Placement placement, String loadgenCpus) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("host", hostName());
    m.put("cpu", firstMatch(Path.of("/proc/cpuinfo"), "model name"));
    m.put("cores", Integer.toString(countMatches(Path.of("/proc/cpuinfo"), "processor")));
    m.put("memory", firstMatch(Path.of("/proc/meminfo"), "MemTotal"));
    m.put("kernel", read(Path.of("/proc/sys/kernel/osrelease")));
    m.put("os", firstMatch(Path.of("/etc/os-release"), "PRETTY_NAME").replace("\"", ""));
    m.put("load average at start", read(Path.of("/proc/loadavg")));
    m.put("cores: load generator", loadgenCpus);
    m.put("cores: server", placement.serverCpus());
    m.put("cores: redis + upstream stub", placement.supportCpus());
    m.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    m.put("go", run("go", "version"));
    m.put("python", run(python, "--version"));
    m.put(
        "fastapi / uvicorn / uvloop / httptools / aiohttp",
        run(
            python,
            "-c",
            "import fastapi, uvicorn, uvloop, httptools, aiohttp;"
                + "print(fastapi.__version__, uvicorn.__version__, uvloop.__version__, httptools.__version__, aiohttp.__version__)"));
    m.put("gin", run("dpkg-query", "-W", "-f=${Version}", "golang-github-gin-gonic-gin-dev"));
    m.put("redis", run("redis-server", "--version"));
    return m;
  }

  static String hostName() {
    String name = read(Path.of("/proc/sys/kernel/hostname"));
    return name.isBlank() ? "unknown" : name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 ? out : "unavailable (" + out.lines().findFirst().orElse("") + ")";
    } catch (IOException e) {
      return "unavailable";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unavailable";
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String firstMatch(Path file, String key) {
    return lines(file).stream()
        .filter(l -> l.startsWith(key))
        .map(l -> l.substring(l.indexOf(l.contains(":") ? ':' : '=') + 1).trim())
        .findFirst()
        .orElse("unknown");
  }

  private static int countMatches(Path file, String key) {
    return (int) lines(file).stream().filter(l -> l.startsWith(key)).count();
  }
}
