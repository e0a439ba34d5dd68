package dev.polyshop.bench.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A process the suite started, pinned to some cores, with its output in a log file. */
public final class Server implements AutoCloseable {

  private final String name;
  private final Process process;
  private final int port;
  private final int port2;
  private final int port3;
  private final Path log;
  private final long startedNanos;

  private Server(String name, Process process, int[] ports, Path log, long startedNanos) {
    this.name = name;
    this.process = process;
    this.port = ports[0];
    this.port2 = ports[1];
    this.port3 = ports[2];
    this.log = log;
    this.startedNanos = startedNanos;
  }

  /** A condition polled until the server is ready. */
  public interface Check {
    boolean ready() throws Exception;
  }

  /**
   * Starts {@code command} under {@code taskset -c cpus}; {@code ${PORT}} in the command and in
   * environment values, and {@code PORT} in the environment, are a free port; {@code ${PORT2}} and
   * {@code ${PORT3}} are a second and a third (metrics, health or internal ports).
   */
  public static Server start(
      String name,
      List<String> command,
      Map<String, String> env,
      Path workDir,
      String cpus,
      Path logDir)
      throws IOException {
    int[] ports = {freePort(), freePort(), freePort()};
    List<String> full = new ArrayList<>(List.of("taskset", "-c", cpus));
    command.forEach(part -> full.add(ports(part, ports)));
    Path log = logDir.resolve(name + ".log");
    var builder = new ProcessBuilder(full).directory(workDir.toFile()).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    env.forEach((k, v) -> builder.environment().put(k, ports(v, ports)));
    builder.environment().put("PORT", Integer.toString(ports[0]));
    long started = System.nanoTime();
    return new Server(name, builder.start(), ports, log, started);
  }

  private static String ports(String value, int[] ports) {
    return value
        .replace("${PORT}", Integer.toString(ports[0]))
        .replace("${PORT2}", Integer.toString(ports[1]))
        .replace("${PORT3}", Integer.toString(ports[2]));
  }

  public int port() {
    return port;
  }

  /** The third free port ({@code ${PORT3}}). */
  public int port3() {
    return port3;
  }

  /** The second free port ({@code ${PORT2}}). */
  public int port2() {
    return port2;
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  /**
   * Waits until {@code GET path} answers 200, or fails naming the log to read; returns the time
   * from the process start to ready.
   */
  public Duration awaitReady(String path, Duration timeout)
      throws IOException, InterruptedException {
    return awaitReady("GET " + path + " answering 200", timeout, () -> answers200(port, path));
  }

  /** Waits until {@code check} holds (polled every 20 ms); returns the time from start to ready. */
  public Duration awaitReady(String what, Duration timeout, Check check)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with status " + process.exitValue() + "; see " + log);
      }
      boolean ready;
      try {
        ready = check.ready();
      } catch (Exception notYet) {
        ready = false;
      }
      if (ready) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
      }
      Thread.sleep(20);
    }
    throw new IOException(
        name + " was not ready (" + what + ") within " + timeout + "; see " + log);
  }

  /** Whether {@code GET path} on {@code port} answers 200. */
  static boolean answers200(int port, String path) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] head = in.readNBytes(12);
      return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the process and everything it started. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
