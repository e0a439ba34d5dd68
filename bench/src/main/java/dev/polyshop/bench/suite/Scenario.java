package dev.polyshop.bench.suite;

import java.util.List;

/**
 * One endpoint under load, with the connection counts for both modes.
 *
 * @param saturationConnections requests kept in flight in the closed-loop saturation run
 * @param fixedConnections connections available to the open-model run (enough for rate × latency)
 * @param includesRedis whether Redis is part of the measured process tree
 */
public record Scenario(
    String name,
    String path,
    String what,
    int saturationConnections,
    int fixedConnections,
    boolean includesRedis) {

  public static final String PING = "ping";
  public static final String FIB = "fib";
  public static final String IO = "io";

  /**
   * The article's three scenarios; {@code fibN} is the Fibonacci argument. Fibonacci comes last: a
   * server overloaded by it keeps computing abandoned requests, which would disturb a later
   * scenario.
   */
  public static List<Scenario> article(int fibN) {
    return List.of(
        new Scenario(PING, "/ping", "GET /ping, a constant JSON body", 64, 64, false),
        new Scenario(
            IO,
            "/data/1",
            "GET /data/1: upstream HTTP call (20 ms stub), then Redis GET and INCR",
            256,
            512,
            true),
        // Two in flight keep a CPU-bound server busy; eight made every answer of CPython, which
        // computes fib(35) in seconds under one GIL, arrive after a 20 s run had ended.
        new Scenario(
            FIB, "/fib/" + fibN, "GET /fib/" + fibN + ", naive recursive Fibonacci", 2, 64, false));
  }
}
