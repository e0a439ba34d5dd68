package dev.polyshop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Proves the container runtime works end to end: real PostgreSQL and Redis containers, started by
 * Testcontainers under their official names, answer over the network.
 */
@Testcontainers
class ContainerRuntimeSmokeIntegrationTests {

  @Container static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:15");

  @Container
  static final GenericContainer<?> REDIS = new GenericContainer<>("redis:7").withExposedPorts(6379);

  @Test
  void postgres_answersQueriesWithTheConfiguredCredentials() throws Exception {
    try (var connection =
            DriverManager.getConnection(
                POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword());
        var statement = connection.createStatement()) {
      statement.execute("create table smoke(id int primary key, name text)");
      statement.execute("insert into smoke values (1, 'polyshop')");
      try (var rs = statement.executeQuery("select name, current_user from smoke where id = 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("polyshop");
        assertThat(rs.getString(2)).isEqualTo(POSTGRES.getUsername());
      }
    }
  }

  @Test
  void redis_storesAndReturnsAValue() throws Exception {
    try (var socket = new Socket(REDIS.getHost(), REDIS.getMappedPort(6379));
        var reader =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      OutputStream out = socket.getOutputStream();
      out.write(resp("SET", "smoke", "polyshop"));
      assertThat(reader.readLine()).isEqualTo("+OK");
      out.write(resp("GET", "smoke"));
      assertThat(reader.readLine()).isEqualTo("$8");
      assertThat(reader.readLine()).isEqualTo("polyshop");
    }
  }

  /** Encodes a command in the Redis serialization protocol (RESP2). */
  private static byte[] resp(String... parts) {
    var command = new StringBuilder("*").append(parts.length).append("\r\n");
    for (String part : parts) {
      command.append('$').append(part.length()).append("\r\n").append(part).append("\r\n");
    }
    return command.toString().getBytes(StandardCharsets.UTF_8);
  }
}
