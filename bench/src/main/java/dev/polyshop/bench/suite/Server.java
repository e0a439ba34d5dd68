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
  private final Path log;

  private Server(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code command} under {@code taskset -c cpus}; {@code ${PORT}} in the command and in
   * environment values, and {@code PORT} in the environment, are a free port.
   */
  public static Server start(
      String name,
      List<String> command,
      Map<String, String> env,
      Path workDir,
      String cpus,
      Path logDir)
      throws IOException {
    int port = freePort();
    List<String> full = new ArrayList<>(List.of("taskset", "-c", cpus));
    command.forEach(part -> full.add(part.replace("${PORT}", Integer.toString(port))));
    Path log = logDir.resolve(name + ".log");
    var builder = new ProcessBuilder(full).directory(workDir.toFile()).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    env.forEach(
        (k, v) -> builder.environment().put(k, v.replace("${PORT}", Integer.toString(port))));
    builder.environment().put("PORT", Integer.toString(port));
    return new Server(name, builder.start(), port, log);
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  /** Waits until {@code GET path} answers 200, or fails naming the log to read. */
  public void awaitReady(String path, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with status " + process.exitValue() + "; see " + log);
      }
      if (answers200(path)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IOException(
        name + " did not answer GET " + path + " within " + timeout + "; see " + log);
  }

  private boolean answers200(String path) {
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
