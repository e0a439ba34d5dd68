package dev.polyshop.k8s.drift;

import dev.polyshop.k8s.Manifests;
import dev.polyshop.k8s.Workload;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Translates a rendered workload into the container Docker should run: the kubelet's view of the
 * pod. Fails with every problem at once when the manifest uses something it cannot translate.
 */
public final class PodTranslation {

  private final Manifests manifests;
  private final Map<String, Map<String, String>> externalSecrets;
  private final List<String> problems = new ArrayList<>();

  /**
   * @param externalSecrets values for Secrets the overlay references but does not render (created
   *     outside git), by Secret name and key
   */
  public PodTranslation(Manifests manifests, Map<String, Map<String, String>> externalSecrets) {
    this.manifests = manifests;
    this.externalSecrets = externalSecrets;
  }

  /** Translates one workload, or throws {@link UntranslatableException} listing every problem. */
  public PodPlan translate(Workload workload) {
    problems.clear();
    PodSpec pod = workload.pod();
    PodFeatures.untranslated(pod).forEach(f -> problems.add("field not translated: " + f));
    if (pod.getContainers().size() != 1) {
      problems.add("one container per pod is translated, found " + pod.getContainers().size());
    }
    Container c = pod.getContainers().getFirst();
    PodSecurityContext podSecurity =
        Objects.requireNonNullElseGet(pod.getSecurityContext(), PodSecurityContext::new);
    SecurityContext security =
        Objects.requireNonNullElseGet(c.getSecurityContext(), SecurityContext::new);
    Long uid = first(security.getRunAsUser(), podSecurity.getRunAsUser());
    Long gid = first(security.getRunAsGroup(), podSecurity.getRunAsGroup());
    if (uid == null || gid == null) {
      problems.add("runAsUser and runAsGroup must be set: the test runs the pod's fixed uid:gid");
    } else if (uid == 0
        && Boolean.TRUE.equals(first(security.getRunAsNonRoot(), podSecurity.getRunAsNonRoot()))) {
      problems.add("runAsNonRoot with runAsUser 0: the kubelet would refuse to start it");
    }
    List<String> groups = new ArrayList<>();
    Optional.ofNullable(podSecurity.getFsGroup()).ifPresent(g -> groups.add(g.toString()));
    podSecurity.getSupplementalGroups().forEach(g -> groups.add(g.toString()));
    String seccomp =
        Optional.ofNullable(first(security.getSeccompProfile(), podSecurity.getSeccompProfile()))
            .map(s -> s.getType())
            .orElse("RuntimeDefault");
    if (!List.of("RuntimeDefault", "Unconfined").contains(seccomp)) {
      problems.add("seccompProfile " + seccomp + " is not translated");
    }
    Capabilities caps =
        Objects.requireNonNullElseGet(security.getCapabilities(), Capabilities::new);
    c.getPorts().stream()
        .filter(p -> p.getProtocol() != null && !"TCP".equals(p.getProtocol()))
        .forEach(p -> problems.add("port " + p.getContainerPort() + ": only TCP is translated"));

    PodPlan plan =
        new PodPlan(
            workload,
            c.getImage(),
            c.getCommand().isEmpty()
                ? null
                : List.copyOf(PodEnvironment.noExpansion(c.getCommand(), problems)),
            c.getArgs().isEmpty()
                ? (c.getCommand().isEmpty() ? null : List.of())
                : PodEnvironment.noExpansion(c.getArgs(), problems),
            new PodEnvironment(manifests, externalSecrets, problems).resolve(pod, c),
            List.copyOf(c.getPorts()),
            volumes(workload, c, podSecurity.getFsGroup()),
            uid + ":" + gid,
            List.copyOf(groups),
            Boolean.TRUE.equals(security.getReadOnlyRootFilesystem()),
            List.copyOf(caps.getDrop()),
            List.copyOf(caps.getAdd()),
            Boolean.FALSE.equals(security.getAllowPrivilegeEscalation()),
            "Unconfined".equals(seccomp),
            limit(c, "memory").longValue(),
            limit(c, "cpu").multiply(BigDecimal.valueOf(1_000_000_000L)).longValue(),
            aliases(workload),
            c.getStartupProbe(),
            c.getReadinessProbe(),
            c.getLivenessProbe());
    if (!problems.isEmpty()) {
      throw new UntranslatableException(workload.ref(), problems);
    }
    return plan;
  }

  /**
   * One tmpfs per volume mount, as fresh as the pod's volumes: an emptyDir (or a StatefulSet's new
   * claim) sized by its sizeLimit (request), owned as the kubelet leaves it: root, group fsGroup
   * with setgid, mode 2777 for emptyDir and 2775 for a claim (0777 / 0755 without fsGroup).
   */
  private List<PodPlan.Tmpfs> volumes(Workload workload, Container c, Long fsGroup) {
    Map<String, Volume> volumes = new LinkedHashMap<>();
    workload.pod().getVolumes().forEach(v -> volumes.put(v.getName(), v));
    Map<String, PersistentVolumeClaim> claims = new LinkedHashMap<>();
    if (workload.object() instanceof StatefulSet s) {
      s.getSpec().getVolumeClaimTemplates().forEach(t -> claims.put(t.getMetadata().getName(), t));
    }
    List<PodPlan.Tmpfs> tmpfs = new ArrayList<>();
    for (VolumeMount mount : c.getVolumeMounts()) {
      Volume volume = volumes.get(mount.getName());
      PersistentVolumeClaim claim = claims.get(mount.getName());
      Quantity size;
      String mode;
      if (volume != null && volume.getEmptyDir() != null) {
        size = volume.getEmptyDir().getSizeLimit();
        mode = fsGroup == null ? "0777" : "2777";
      } else if (volume == null && claim != null) {
        size = claim.getSpec().getResources().getRequests().get("storage");
        mode = fsGroup == null ? "0755" : "2775";
      } else {
        problems.add(
            "volume " + mount.getName() + ": only emptyDir and claim templates are translated");
        continue;
      }
      List<String> options = new ArrayList<>();
      if (size != null) {
        options.add("size=" + Quantity.getAmountInBytes(size).toBigInteger());
      }
      options.add("uid=0");
      options.add("gid=" + Objects.requireNonNullElse(fsGroup, 0L));
      options.add("mode=" + mode);
      tmpfs.add(
          new PodPlan.Tmpfs(
              mount.getMountPath(),
              Boolean.TRUE.equals(mount.getReadOnly()),
              String.join(",", options)));
    }
    return tmpfs;
  }

  private BigDecimal limit(Container c, String resource) {
    Map<String, Quantity> limits =
        c.getResources() == null || c.getResources().getLimits() == null
            ? Map.of()
            : c.getResources().getLimits();
    limits.keySet().stream()
        .filter(k -> !List.of("memory", "cpu").contains(k))
        .forEach(k -> problems.add("resource limit " + k + " is not translated"));
    return Optional.ofNullable(limits.get(resource))
        .map(Quantity::getAmountInBytes)
        .orElse(BigDecimal.ZERO);
  }

  /** The names the pod answers to in its namespace: every Service that selects it. */
  private List<String> aliases(Workload workload) {
    String ns = manifests.namespace().orElse("default");
    Stream<String> services =
        manifests.servicesSelecting(workload).stream().map(s -> s.getMetadata().getName());
    Stream<String> statefulPod =
        workload.object() instanceof StatefulSet s && s.getSpec().getServiceName() != null
            ? Stream.of(s.getMetadata().getName() + "-0." + s.getSpec().getServiceName())
            : Stream.empty();
    return Stream.concat(services, statefulPod)
        .flatMap(
            n ->
                Stream.of(
                    n, n + "." + ns, n + "." + ns + ".svc", n + "." + ns + ".svc.cluster.local"))
        .toList();
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    return Stream.of(values).filter(Objects::nonNull).findFirst().orElse(null);
  }

  /** A manifest uses something the drift test does not translate. */
  public static final class UntranslatableException extends IllegalArgumentException {
    UntranslatableException(String workload, List<String> problems) {
      super(workload + " cannot be run as the cluster would:\n  " + String.join("\n  ", problems));
    }
  }
}
