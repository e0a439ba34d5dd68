package dev.polyshop.k8s.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.GRPCAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Probes fail the way the kubelet's would, against a local HTTP and gRPC server (no Docker). */
class KubeletTest {

  private HttpServer http;
  private Server grpc;
  private final HealthStatusManager health = new HealthStatusManager();
  private Kubelet.Pod pod;

  @BeforeEach
  void startServers() throws Exception {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/actuator/health/liveness",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    http.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    http.start();
    grpc =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(health.getHealthService())
            .build()
            .start();
    int httpPort = http.getAddress().getPort();
    pod =
        new Kubelet.Pod() {
          @Override
          public InetSocketAddress address(int port) {
            return new InetSocketAddress("127.0.0.1", port);
          }

          @Override
          public void connect(int port, Duration timeout) throws Exception {
            try (Socket socket = new Socket()) {
              socket.connect(address(port), (int) timeout.toMillis());
            }
          }

          @Override
          public Optional<Integer> port(String name) {
            return name.equals("http") ? Optional.of(httpPort) : Optional.empty();
          }

          @Override
          public Kubelet.Exec exec(List<String> command, Duration timeout) {
            return command.equals(List.of("true"))
                ? new Kubelet.Exec(0, "")
                : new Kubelet.Exec(1, "not ready");
          }
        };
  }

  @AfterEach
  void stopServers() {
    http.stop(0);
    grpc.shutdownNow();
  }

  @Test
  void httpGet_servedPathOnANamedPort_passes() {
    assertThat(Kubelet.probe(httpGet("/actuator/health/liveness", new IntOrString("http")), pod))
        .isEmpty();
  }

  @Test
  void httpGet_pathTheServerDoesNotServe_failsWithTheStatus() {
    assertThat(Kubelet.probe(httpGet("/healthz", new IntOrString("http")), pod))
        .hasValueSatisfying(f -> assertThat(f).contains("/healthz").contains("answered 404"));
  }

  @Test
  void httpGet_portNameNotDeclared_fails() {
    assertThat(Kubelet.probe(httpGet("/actuator/health/liveness", new IntOrString("web")), pod))
        .hasValueSatisfying(f -> assertThat(f).contains("port name 'web' is not a container port"));
  }

  @Test
  void tcpSocket_portNothingListensOn_fails() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Probe probe = new Probe();
    probe.setTcpSocket(new TCPSocketAction(null, new IntOrString(closed)));

    assertThat(Kubelet.probe(probe, pod)).isPresent();
  }

  @Test
  void grpc_answersServingOnlyWhenTheServiceIsServing() {
    Probe probe = new Probe();
    probe.setGrpc(grpcAction(grpc.getPort(), null));

    health.setStatus("", ServingStatus.NOT_SERVING);
    assertThat(Kubelet.probe(probe, pod))
        .hasValueSatisfying(f -> assertThat(f).contains("answered NOT_SERVING"));
    health.setStatus("", ServingStatus.SERVING);
    assertThat(Kubelet.probe(probe, pod)).isEmpty();
  }

  @Test
  void grpc_serviceNameTheServerDoesNotKnow_fails() {
    Probe probe = new Probe();
    probe.setGrpc(grpcAction(grpc.getPort(), "polyshop.search.v1.SearchService"));

    assertThat(Kubelet.probe(probe, pod))
        .hasValueSatisfying(f -> assertThat(f).contains("NOT_FOUND"));
  }

  @Test
  void exec_nonZeroExit_failsWithTheOutput() {
    Probe ok = new Probe();
    ok.setExec(new ExecAction(List.of("true")));
    Probe failing = new Probe();
    failing.setExec(new ExecAction(List.of("pg_isready")));

    assertThat(Kubelet.probe(ok, pod)).isEmpty();
    assertThat(Kubelet.probe(failing, pod))
        .hasValueSatisfying(f -> assertThat(f).contains("exited 1").contains("not ready"));
  }

  private static GRPCAction grpcAction(int port, String service) {
    GRPCAction grpc = new GRPCAction();
    grpc.setPort(port);
    grpc.setService(service);
    return grpc;
  }

  private static Probe httpGet(String path, IntOrString port) {
    HTTPGetAction get = new HTTPGetAction();
    get.setPath(path);
    get.setPort(port);
    Probe probe = new Probe();
    probe.setHttpGet(get);
    return probe;
  }
}
