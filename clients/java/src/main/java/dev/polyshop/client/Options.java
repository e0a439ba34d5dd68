package dev.polyshop.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: {@code [global flags] COMMAND [command flags]}, flags as {@code --name value}
 * (or {@code --name=value}); {@code --tls}, {@code --in-stock} and {@code --heartbeats} take no
 * value; flags given several times collect.
 */
record Options(Map<String, List<String>> globals, String command, Map<String, List<String>> flags) {

  private static final Set<String> SWITCHES = Set.of("tls", "in-stock", "heartbeats");

  static Options parse(String[] args) {
    Map<String, List<String>> globals = new HashMap<>();
    int i = collect(args, 0, globals);
    if (i >= args.length) {
      throw new IllegalArgumentException(
          "usage: polyshop-client [--target H:P] [--tls] [--ca FILE] [--token JWT] [--deadline S]"
              + " search|suggest|subscribe|publish [flags]");
    }
    Map<String, List<String>> flags = new HashMap<>();
    int end = collect(args, i + 1, flags);
    if (end < args.length) {
      throw new IllegalArgumentException("unexpected argument: " + args[end]);
    }
    return new Options(globals, args[i], flags);
  }

  /** Reads flags from {@code from} up to the first non-flag; returns its index. */
  private static int collect(String[] args, int from, Map<String, List<String>> into) {
    int i = from;
    while (i < args.length && args[i].startsWith("-")) {
      String name = args[i].replaceFirst("^--?", "");
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (SWITCHES.contains(name)) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      i++;
    }
    return i;
  }

  String global(String name, String fallback) {
    return globals.containsKey(name) ? globals.get(name).getLast() : fallback;
  }

  boolean has(String name) {
    return globals.containsKey(name) || flags.containsKey(name);
  }

  boolean tls() {
    return Boolean.parseBoolean(global("tls", "false"));
  }

  String one(String name, String fallback) {
    return flags.containsKey(name) ? flags.get(name).getLast() : fallback;
  }

  List<String> all(String name) {
    return flags.getOrDefault(name, List.of());
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(one(name, "false"));
  }
}
