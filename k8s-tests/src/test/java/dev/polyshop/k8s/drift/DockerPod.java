package dev.polyshop.k8s.drift;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Driver;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.VolumeOptions;
import io.fabric8.kubernetes.api.model.ContainerPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * One pod's container, created exactly as its {@link PodPlan} says, and probed on its own IP where
 * this JVM can reach container IPs (Linux with a local daemon), else through published ports.
 */
public final class DockerPod implements Kubelet.Pod {

  private final PodPlan plan;
  private final GenericContainer<?> container;
  private final ExecutorService executor;
  private final Queue<String> logs = new ConcurrentLinkedQueue<>();
  private String ip;
  private Boolean podIpReachable;

  /** Readiness is what the probes decide, not Testcontainers. */
  private static final WaitStrategy PROBES_DECIDE =
      new AbstractWaitStrategy() {
        @Override
        protected void waitUntilReady() {}
      };

  @SuppressWarnings("resource")
  public DockerPod(PodPlan plan, Network network, ExecutorService executor) {
    this.plan = plan;
    this.executor = executor;
    DockerImageName image = DockerImageName.parse(plan.image());
    this.container =
        new GenericContainer<>(image)
            .withNetwork(network)
            .withNetworkAliases(plan.aliases().toArray(String[]::new))
            .withEnv(plan.env())
            .withExposedPorts(
                plan.ports().stream().map(ContainerPort::getContainerPort).toArray(Integer[]::new))
            .waitingFor(PROBES_DECIDE)
            // Kept here: a container that fails to start is removed with its logs.
            .withLogConsumer(frame -> logs.add(frame.getUtf8StringWithoutLineEnding()))
            .withCreateContainerCmdModifier(
                cmd -> {
                  cmd.withUser(plan.user());
                  if (plan.entrypoint() != null) {
                    cmd.withEntrypoint(plan.entrypoint());
                  }
                  if (plan.cmd() != null) {
                    cmd.withCmd(plan.cmd());
                  }
                  configure(cmd.getHostConfig());
                });
  }

  private void configure(HostConfig host) {
    host.withMounts(plan.volumes().stream().map(DockerPod::mount).toList());
    host.withReadonlyRootfs(plan.readOnlyRoot())
        .withGroupAdd(plan.groups())
        .withCapDrop(plan.capDrop().stream().map(Capability::valueOf).toArray(Capability[]::new))
        .withCapAdd(plan.capAdd().stream().map(Capability::valueOf).toArray(Capability[]::new));
    List<String> securityOpts = new ArrayList<>();
    if (plan.noNewPrivileges()) {
      securityOpts.add("no-new-privileges");
    }
    if (plan.seccompUnconfined()) {
      securityOpts.add("seccomp=unconfined");
    }
    host.withSecurityOpts(securityOpts);
    if (plan.memoryBytes() > 0) {
      // No swap, as on a Kubernetes node: the limit is the memory the JVM sizes its heap from.
      host.withMemory(plan.memoryBytes()).withMemorySwap(plan.memoryBytes());
    }
    if (plan.nanoCpus() > 0) {
      host.withNanoCPUs(plan.nanoCpus());
    }
  }

  /**
   * A fresh tmpfs as an anonymous volume without copy-up: empty, with exactly the root mode and
   * owner the options say, like an emptyDir. (Docker's {@code --tmpfs} copies the image's directory
   * and its mode into the mount: postgres' data directory would stay 0700 postgres.) The volume is
   * removed with the container.
   */
  private static Mount mount(PodPlan.Tmpfs tmpfs) {
    return new Mount()
        .withType(MountType.VOLUME)
        .withTarget(tmpfs.path())
        .withReadOnly(tmpfs.readOnly())
        .withVolumeOptions(
            new VolumeOptions()
                .withNoCopy(true)
                .withDriverConfig(
                    new Driver()
                        .withName("local")
                        .withOptions(
                            Map.of("type", "tmpfs", "device", "tmpfs", "o", tmpfs.options()))));
  }

  public PodPlan plan() {
    return plan;
  }

  public GenericContainer<?> container() {
    return container;
  }

  public boolean running() {
    return container.isRunning();
  }

  private String ip() {
    if (ip == null) {
      ip =
          container.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
              .findFirst()
              .orElseThrow()
              .getIpAddress();
    }
    return ip;
  }

  @Override
  public InetSocketAddress address(int port) {
    return podIpReachable()
        ? new InetSocketAddress(ip(), port)
        : new InetSocketAddress(container.getHost(), container.getMappedPort(port));
  }

  @Override
  public void connect(int port, Duration timeout) throws Exception {
    if (podIpReachable()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(ip(), port), (int) timeout.toMillis());
      }
      return;
    }
    // A published port accepts connections even when nothing listens behind it: connect from
    // inside the container instead.
    Kubelet.Exec inside =
        exec(List.of("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port), timeout);
    if (inside.exitCode() != 0) {
      throw new ConnectException(
          "port " + port + " refused inside the container: " + inside.output().strip());
    }
  }

  /**
   * Whether pod IPs are reachable from here: a connection to a port nothing listens on is refused
   * at once. Elsewhere (Docker Desktop) container IPs live in a VM and connections time out. {@code
   * -Dpolyshop.drift.probe-via=pod-ip|published-ports} decides instead.
   */
  private boolean podIpReachable() {
    if (podIpReachable == null) {
      String via = System.getProperty("polyshop.drift.probe-via", "");
      if (!via.isEmpty()) {
        podIpReachable = via.equals("pod-ip");
      } else {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(ip(), 1), 1000);
          podIpReachable = true;
        } catch (ConnectException refused) {
          podIpReachable = String.valueOf(refused.getMessage()).contains("refused");
        } catch (IOException unreachable) {
          podIpReachable = false;
        }
      }
    }
    return podIpReachable;
  }

  /** How probes reach this pod, for the log. */
  public String probedVia() {
    return podIpReachable() ? "pod IP " + ip() : "published ports";
  }

  @Override
  public Optional<Integer> port(String name) {
    return plan.port(name);
  }

  @Override
  public Kubelet.Exec exec(List<String> command, Duration timeout) throws Exception {
    CompletableFuture<ExecResult> result =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return container.execInContainer(command.toArray(String[]::new));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
            },
            executor);
    ExecResult exec = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return new Kubelet.Exec(exec.getExitCode(), exec.getStdout() + exec.getStderr());
  }

  /** Declared container ports nothing listens on. */
  public List<Integer> unopenedPorts() {
    List<Integer> closed = new ArrayList<>();
    for (ContainerPort port : plan.ports()) {
      try {
        connect(port.getContainerPort(), Duration.ofSeconds(2));
      } catch (Exception e) {
        closed.add(port.getContainerPort());
      }
    }
    return closed;
  }

  public String logTail(int lines) {
    List<String> all = List.copyOf(logs);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  public void stop() {
    container.stop();
  }
}
