package dev.polyshop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

class LocalImageSubstitutorTest {

  @Test
  void enabled_mapsOfficialNamesToLocalImages() {
    var substitutor = new LocalImageSubstitutor(true);

    assertThat(substitutor.apply(DockerImageName.parse("postgres:15")).asCanonicalNameString())
        .isEqualTo("polyshop/postgres:15");
    assertThat(substitutor.apply(DockerImageName.parse("redis:7-alpine")).asCanonicalNameString())
        .isEqualTo("polyshop/redis:7");
    assertThat(
            substitutor
                .apply(DockerImageName.parse("eclipse-temurin:25-jre"))
                .asCanonicalNameString())
        .isEqualTo("polyshop/jre:25");
  }

  @Test
  void enabled_leavesOtherImagesAlone() {
    var substitutor = new LocalImageSubstitutor(true);

    assertThat(substitutor.apply(DockerImageName.parse("nginx:1.27")).asCanonicalNameString())
        .isEqualTo("nginx:1.27");
  }

  @Test
  void disabled_passesEveryNameThrough() {
    var substitutor = new LocalImageSubstitutor(false);

    assertThat(substitutor.apply(DockerImageName.parse("postgres:15")).asCanonicalNameString())
        .isEqualTo("postgres:15");
  }
}
