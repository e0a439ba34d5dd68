package dev.polyshop.testing;

import java.util.Map;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * Swaps official image names for the locally built images on machines that cannot pull.
 *
 * <p>Tests always name the official images ({@code postgres:15}, {@code redis:7}, {@code
 * eclipse-temurin:25-jre}). With {@code POLYSHOP_LOCAL_IMAGES=true} in the environment (exported by
 * {@code scripts/container-runtime.sh}), those names resolve to the images that script builds from
 * Debian packages; otherwise names pass through unchanged and Docker pulls the official images.
 */
public final class LocalImageSubstitutor extends ImageNameSubstitutor {

  /** Official repository → locally built image. */
  static final Map<String, String> LOCAL_IMAGES =
      Map.of(
          "postgres", "polyshop/postgres:15",
          "redis", "polyshop/redis:7",
          "eclipse-temurin", "polyshop/jre:25");

  private final boolean enabled;

  public LocalImageSubstitutor() {
    this(Boolean.parseBoolean(System.getenv("POLYSHOP_LOCAL_IMAGES")));
  }

  LocalImageSubstitutor(boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public DockerImageName apply(DockerImageName original) {
    if (!enabled) {
      return original;
    }
    String local = LOCAL_IMAGES.get(original.getRepository());
    return local == null ? original : DockerImageName.parse(local);
  }

  @Override
  protected String getDescription() {
    return "Polyshop local images (POLYSHOP_LOCAL_IMAGES=" + enabled + ")";
  }
}
