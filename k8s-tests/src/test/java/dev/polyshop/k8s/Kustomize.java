package dev.polyshop.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Renders the kustomize overlays of {@code k8s/} with {@code kubectl kustomize}, once per run. */
public final class Kustomize {

  public static final Path REPOSITORY_ROOT =
      Path.of(System.getProperty("polyshop.repository.root", "..")).toAbsolutePath().normalize();
  public static final Path OVERLAYS = REPOSITORY_ROOT.resolve("k8s/overlays");

  private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

  private Kustomize() {}

  /** The overlays under {@code k8s/overlays}, by directory name. */
  public static List<String> overlays() {
    try (Stream<Path> dirs = Files.list(OVERLAYS)) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + OVERLAYS, e);
    }
  }

  /** The rendered YAML of one overlay (cached: every test parses its own copy). */
  public static String render(String overlay) {
    return RENDERED.computeIfAbsent(overlay, o -> render(kubectl(), OVERLAYS.resolve(o)));
  }

  /** Parses a fresh, mutable copy of one overlay's objects. */
  public static Manifests manifests(String overlay) {
    return new Manifests(overlay, StrictYaml.parseAll(render(overlay)));
  }

  /** {@code $KUBECTL} when set, else {@code kubectl} from the PATH. */
  public static String kubectl() {
    String configured = System.getenv("KUBECTL");
    return configured == null || configured.isBlank() ? "kubectl" : configured;
  }

  /**
   * Runs {@code <kubectl> kustomize <dir>}. A missing kubectl is a failure, never a skip: these
   * checks are the only thing standing between a typo and a broken deployment.
   */
  public static String render(String kubectl, Path dir) {
    Process process;
    try {
      process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run '"
              + kubectl
              + "': k8s-tests render the overlays with `kubectl kustomize`. Install kubectl"
              + " (1.27 or newer; it bundles kustomize), e.g. `apt-get install kubectl`, or point"
              + " $KUBECTL at it.",
          e);
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<String> stdout = readAsync(process.getInputStream());
      CompletableFuture<String> stderr = readAsync(process.getErrorStream());
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "kubectl kustomize " + dir + " did not finish in 2 minutes");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "kubectl kustomize "
                + dir
                + " failed (exit "
                + process.exitValue()
                + "):\n"
                + stderr.join());
      }
      return stdout.join();
    } catch (IOException e) {
      throw new IllegalStateException("kubectl kustomize " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while rendering " + dir, e);
    }
  }

  private static CompletableFuture<String> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
