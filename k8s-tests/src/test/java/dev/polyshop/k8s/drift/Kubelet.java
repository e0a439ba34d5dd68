package dev.polyshop.k8s.drift;

import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Runs probes as the kubelet does: against the pod's IP, with the probe's timeout and defaults. */
public final class Kubelet {

  /** What a probe needs of a running pod. */
  interface Pod {
    /**
     * Where a probe of a container port connects: the pod IP, as the kubelet probes it (not through
     * a Service), or a published port where this JVM cannot reach pod IPs.
     */
    InetSocketAddress address(int port);

    /** Opens a TCP connection to a container port as a tcpSocket probe does; throws if refused. */
    void connect(int port, Duration timeout) throws Exception;

    /** A named container port's number. */
    Optional<Integer> port(String name);

    /** Runs a command in the container (as its user), returning the exit code and output. */
    Exec exec(List<String> command, Duration timeout) throws Exception;
  }

  public record Exec(int exitCode, String output) {}

  private Kubelet() {}

  /** Runs one probe once; empty when it passed, else why it failed. */
  public static Optional<String> probe(Probe probe, Pod pod) {
    Duration timeout = Duration.ofSeconds(Objects.requireNonNullElse(probe.getTimeoutSeconds(), 1));
    try {
      if (probe.getHttpGet() != null) {
        return httpGet(probe.getHttpGet(), pod, timeout);
      } else if (probe.getGrpc() != null) {
        return grpc(pod.address(probe.getGrpc().getPort()), probe.getGrpc().getService(), timeout);
      } else if (probe.getTcpSocket() != null) {
        pod.connect(port(probe.getTcpSocket().getPort(), pod), timeout);
        return Optional.empty();
      } else if (probe.getExec() != null) {
        Exec exec = pod.exec(probe.getExec().getCommand(), timeout);
        return exec.exitCode() == 0
            ? Optional.empty()
            : Optional.of(
                "exec "
                    + probe.getExec().getCommand()
                    + " exited "
                    + exec.exitCode()
                    + ": "
                    + exec.output().strip());
      }
      return Optional.of("probe has no handler (httpGet, grpc, tcpSocket or exec)");
    } catch (Exception e) {
      return Optional.of(describe(probe) + ": " + e);
    }
  }

  /** A success is a status from 200 to 399; redirects are not followed (3xx counts as success). */
  private static Optional<String> httpGet(HTTPGetAction get, Pod pod, Duration timeout)
      throws IOException, GeneralSecurityException {
    if (get.getHost() != null) {
      return Optional.of(
          "httpGet.host is not translated (the kubelet would probe " + get.getHost() + ")");
    }
    String scheme = Objects.requireNonNullElse(get.getScheme(), "HTTP").toLowerCase();
    String path = Objects.requireNonNullElse(get.getPath(), "/");
    InetSocketAddress address = pod.address(port(get.getPort(), pod));
    URI uri =
        URI.create(
            scheme
                + "://"
                + address.getHostString()
                + ":"
                + address.getPort()
                + (path.startsWith("/") ? "" : "/")
                + path);
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    if (connection instanceof HttpsURLConnection https) {
      // The kubelet does not verify the certificate of an HTTPS probe.
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {new TrustAll()}, null);
      https.setSSLSocketFactory(tls.getSocketFactory());
      https.setHostnameVerifier((host, session) -> true);
    }
    try {
      connection.setInstanceFollowRedirects(false);
      connection.setConnectTimeout((int) timeout.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      connection.setRequestProperty("User-Agent", "kube-probe/1.30");
      connection.setRequestProperty("Accept", "*/*");
      for (HTTPHeader header : get.getHttpHeaders()) {
        connection.setRequestProperty(header.getName(), header.getValue());
      }
      int status = connection.getResponseCode();
      return status >= 200 && status < 400
          ? Optional.empty()
          : Optional.of("GET " + uri + " answered " + status);
    } finally {
      connection.disconnect();
    }
  }

  private static Optional<String> grpc(InetSocketAddress address, String service, Duration timeout)
      throws InterruptedException {
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress(
                address.getHostString(), address.getPort(), InsecureChannelCredentials.create())
            .build();
    try {
      ServingStatus status =
          HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .check(
                  HealthCheckRequest.newBuilder()
                      .setService(Objects.requireNonNullElse(service, ""))
                      .build())
              .getStatus();
      return status == ServingStatus.SERVING
          ? Optional.empty()
          : Optional.of("grpc.health.v1 Check on " + address + " answered " + status);
    } catch (StatusRuntimeException e) {
      return Optional.of("grpc.health.v1 Check on " + address + " failed: " + e.getStatus());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** A port by number, or by the name of a declared container port (an unknown name fails). */
  public static int port(IntOrString port, Pod pod) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return pod.port(port.getStrVal())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "port name '" + port.getStrVal() + "' is not a container port"));
  }

  public static String describe(Probe probe) {
    if (probe.getHttpGet() != null) {
      return "httpGet "
          + probe.getHttpGet().getPath()
          + " port "
          + portText(probe.getHttpGet().getPort());
    } else if (probe.getGrpc() != null) {
      return "grpc port " + probe.getGrpc().getPort();
    } else if (probe.getTcpSocket() != null) {
      return "tcpSocket port " + portText(probe.getTcpSocket().getPort());
    }
    return probe.getExec() == null ? "no handler" : "exec " + probe.getExec().getCommand();
  }

  private static String portText(IntOrString port) {
    return port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
