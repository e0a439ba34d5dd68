package dev.polyshop.product.embeddeddb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a PostgreSQL server left running on our data directory by a previous process that died
 * without shutting it down (e.g. {@code kill -9}), so the next start does not fail on it.
 */
final class OrphanedPostmaster {

  private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

  private OrphanedPostmaster() {}

  static void stopIfRunning(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> postmaster =
        lines.isEmpty() ? Optional.empty() : parsePid(lines.getFirst()).flatMap(ProcessHandle::of);
    if (postmaster.isEmpty() || !isPostgres(postmaster.get())) {
      return;
    }
    log.warn("Stopping orphaned PostgreSQL (pid {}) on {}", postmaster.get().pid(), dataDir);
    postmaster.get().destroy(); // SIGTERM: PostgreSQL's "smart" shutdown, safe for the data
    try {
      postmaster.get().onExit().get(60, TimeUnit.SECONDS);
    } catch (Exception notStopped) {
      throw new IOException("orphaned PostgreSQL on " + dataDir + " did not stop", notStopped);
    }
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException notAPid) {
      return Optional.empty();
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(command -> command.endsWith("postgres")).orElse(false);
  }
}
