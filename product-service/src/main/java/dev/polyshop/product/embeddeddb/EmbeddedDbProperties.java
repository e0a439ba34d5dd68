package dev.polyshop.product.embeddeddb;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the cluster lives; it survives restarts
 * @param port TCP port on localhost; 0 picks a free one
 */
@ConfigurationProperties("polyshop.embedded-db")
public record EmbeddedDbProperties(Path dataDir, int port) {}
