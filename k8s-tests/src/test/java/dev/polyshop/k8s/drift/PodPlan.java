package dev.polyshop.k8s.drift;

import dev.polyshop.k8s.Workload;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One workload's container as Docker runs it, translated from the rendered pod spec.
 *
 * @param workload the Deployment or StatefulSet
 * @param image the image as the manifest names it
 * @param entrypoint the container's {@code command} (Docker entrypoint), or null for the image's
 * @param cmd the container's {@code args} (Docker cmd), or null for the image's
 * @param env the environment the kubelet would give it (service links, envFrom, env)
 * @param ports the declared container ports (named ports resolve through them)
 * @param volumes one fresh tmpfs per volume mount
 * @param user {@code uid:gid}
 * @param groups supplementary groups (fsGroup, supplementalGroups)
 * @param readOnlyRoot readOnlyRootFilesystem
 * @param capDrop capabilities dropped
 * @param capAdd capabilities added
 * @param noNewPrivileges allowPrivilegeEscalation: false
 * @param seccompUnconfined seccompProfile Unconfined (RuntimeDefault is Docker's default profile)
 * @param memoryBytes the memory limit, 0 for none
 * @param nanoCpus the CPU limit in billionths of a CPU, 0 for none
 * @param aliases the DNS names the pod answers to: the Services that select it
 * @param startup the startupProbe, or null
 * @param readiness the readinessProbe, or null
 * @param liveness the livenessProbe, or null
 */
public record PodPlan(
    Workload workload,
    String image,
    List<String> entrypoint,
    List<String> cmd,
    Map<String, String> env,
    List<ContainerPort> ports,
    List<Tmpfs> volumes,
    String user,
    List<String> groups,
    boolean readOnlyRoot,
    List<String> capDrop,
    List<String> capAdd,
    boolean noNewPrivileges,
    boolean seccompUnconfined,
    long memoryBytes,
    long nanoCpus,
    List<String> aliases,
    Probe startup,
    Probe readiness,
    Probe liveness) {

  /**
   * A volume as a new, empty tmpfs.
   *
   * @param path the mount path
   * @param readOnly the mount's readOnly
   * @param options the tmpfs mount options (size, uid, gid, mode of its root)
   */
  public record Tmpfs(String path, boolean readOnly, String options) {}

  public String name() {
    return workload.name();
  }

  /** The number of a named container port. */
  public Optional<Integer> port(String name) {
    return ports.stream()
        .filter(p -> name.equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst();
  }
}
