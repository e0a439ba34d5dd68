package dev.polyshop.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The catalogue of implementations, found where {@code bench/run.sh} built them. */
public final class Peers {

  public static final String GIN = "gin";
  public static final String FASTAPI = "fastapi-uvloop";
  public static final String CALIBRATION = "calibration";

  private Peers() {}

  /**
   * @param bench the {@code bench/} directory
   * @param workers uvicorn worker processes (one per server core)
   */
  public static List<Peer> all(Path bench, String java, String python, int workers) {
    Set<String> article = Set.of(Scenario.PING, Scenario.FIB, Scenario.IO);
    Path built = bench.resolve("target/peers");
    Path fastapi = bench.resolve("peers/fastapi");
    List<Peer> peers = new ArrayList<>();
    peers.add(
        new Peer(
            CALIBRATION,
            "Go net/http answering every path with a constant body: the ceiling of this machine,"
                + " generator and method (ping only)",
            List.of(built.resolve("go-nethttp").toString()),
            Map.of("DELAY_MS", "0"),
            bench,
            Set.of(Scenario.PING)));
    peers.add(
        new Peer(
            GIN,
            "Gin (Debian golang-github-gin-gonic-gin-dev) on Go (Debian golang-go), release mode,"
                + " gin.New() + Recovery, no request log; GOMAXPROCS = server cores",
            List.of(built.resolve("gin").toString()),
            Map.of(),
            bench,
            article));
    peers.add(
        new Peer(
            "fastapi-default",
            "FastAPI (Debian python3-fastapi) on uvicorn (python3-uvicorn) with uvicorn's pure-Python"
                + " stack: --loop asyncio --http h11, "
                + workers
                + " worker(s), no access log",
            uvicorn(python, workers, "asyncio", "h11"),
            Map.of(),
            fastapi,
            article));
    peers.add(
        new Peer(
            FASTAPI,
            "The same app on uvicorn with python3-uvloop and python3-httptools: --loop uvloop"
                + " --http httptools, "
                + workers
                + " worker(s), no access log",
            uvicorn(python, workers, "uvloop", "httptools"),
            Map.of(),
            fastapi,
            article));
    peers.add(
        new Peer(
            "reactor-netty",
            "Java 25, Reactor Netty HTTP server alone (the engine under the gateway's Spring WebFlux,"
                + " without Spring), Lettuce for Redis, default JVM flags",
            List.of(java, "-jar", peerJar(bench).toString()),
            Map.of(),
            bench,
            article));
    return peers;
  }

  private static List<String> uvicorn(String python, int workers, String loop, String http) {
    return List.of(
        python,
        "-m",
        "uvicorn",
        "app:app",
        "--host",
        "127.0.0.1",
        "--port",
        "${PORT}",
        "--workers",
        Integer.toString(workers),
        "--loop",
        loop,
        "--http",
        http,
        "--no-access-log",
        "--log-level",
        "warning");
  }

  private static Path peerJar(Path bench) {
    Path target = bench.resolve("peers/reactor-netty/target");
    try (var files = Files.list(target)) {
      return files
          .filter(
              p -> p.getFileName().toString().matches("polyshop-bench-peer-reactor-netty-.*\\.jar"))
          .findFirst()
          .orElse(target.resolve("missing-reactor-netty-peer.jar"));
    } catch (java.io.IOException e) {
      return target.resolve("missing-reactor-netty-peer.jar");
    }
  }
}
