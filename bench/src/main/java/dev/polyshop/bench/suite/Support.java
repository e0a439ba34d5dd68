package dev.polyshop.bench.suite;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The I/O scenario's dependencies: a real redis-server and the 20 ms upstream stub. */
public final class Support implements AutoCloseable {

  private final Server redis;
  private final Server upstream;

  private Support(Server redis, Server upstream) {
    this.redis = redis;
    this.upstream = upstream;
  }

  public static Support start(Path bench, String cpus, Path logDir)
      throws IOException, InterruptedException {
    Server redis =
        Server.start(
            "redis",
            List.of(
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                "${PORT}",
                "--save",
                "",
                "--appendonly",
                "no"),
            Map.of(),
            bench,
            cpus,
            logDir);
    Server upstream =
        Server.start(
            "upstream-stub",
            List.of(bench.resolve("target/peers/go-nethttp").toString()),
            Map.of("DELAY_MS", "20"),
            bench,
            cpus,
            logDir);
    var support = new Support(redis, upstream);
    try {
      upstream.awaitReady("/items/1", Duration.ofSeconds(30));
      awaitRedis(redis.port(), Duration.ofSeconds(30));
      command(redis.port(), "SET", "cache:1", "cached-value-1");
      return support;
    } catch (IOException | InterruptedException e) {
      support.close();
      throw e;
    }
  }

  /** The environment every peer gets. */
  public Map<String, String> env() {
    return Map.of("UPSTREAM_URL", "http://" + upstream.address(), "REDIS_ADDR", redis.address());
  }

  public long redisPid() {
    return redis.pid();
  }

  @Override
  public void close() {
    upstream.close();
    redis.close();
  }

  private static void awaitRedis(int port, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (command(port, "PING").startsWith("+PONG")) {
          return;
        }
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(100);
    }
  }

  /** Sends one RESP command and returns the first line of the reply. */
  static String command(int port, String... args) throws IOException {
    var request = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
      request.append(arg).append("\r\n");
    }
    try (var socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
      InputStream in = socket.getInputStream();
      var line = new StringBuilder();
      for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
        line.append((char) b);
      }
      return line.toString().trim();
    }
  }
}
