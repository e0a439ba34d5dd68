package dev.polyshop.k8s.checks;

import dev.polyshop.k8s.Manifests;
import dev.polyshop.k8s.Workload;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The pod-security checks that kube-score, kube-linter and Polaris agree on, as strict as the
 * Kubernetes "restricted" Pod Security Standard and a little stricter (fixed uid, read-only root).
 */
public final class SecurityChecks {

  /** Lowest uid/gid accepted: above the range that host users and system accounts use. */
  public static final long MIN_ID = 10_000;

  private static final Pattern TAG = Pattern.compile("^[^@]+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");

  private SecurityChecks() {}

  public static List<Check> all() {
    return List.of(
        new Check("run-as-non-root", SecurityChecks::runAsNonRoot),
        new Check("fixed-user-and-group", SecurityChecks::fixedUserAndGroup),
        new Check("read-only-root-filesystem", SecurityChecks::readOnlyRootFilesystem),
        new Check("no-privilege-escalation", SecurityChecks::noPrivilegeEscalation),
        new Check("drop-all-capabilities", SecurityChecks::dropAllCapabilities),
        new Check("seccomp-runtime-default", SecurityChecks::seccompRuntimeDefault),
        new Check("no-service-account-token", SecurityChecks::noServiceAccountToken),
        new Check("dedicated-service-account", SecurityChecks::dedicatedServiceAccount),
        new Check("pinned-image", SecurityChecks::pinnedImage));
  }

  /** runAsNonRoot: true on the pod and on every container (a container may not opt out). */
  public static void runAsNonRoot(Manifests m, Check.Report report) {
    for (Workload w : m.workloads()) {
      if (!Boolean.TRUE.equals(podContext(w).getRunAsNonRoot())) {
        report.violation(w.ref(), "pod securityContext.runAsNonRoot is not true");
      }
    }
    m.containers()
        .filter(c -> !Boolean.TRUE.equals(context(c).getRunAsNonRoot()))
        .forEach(
            c ->
                report.violation(
                    c.workload().ref(), c.ref() + ": securityContext.runAsNonRoot is not true"));
  }

  /** A fixed, high uid and gid for every container (the container's, else the pod's). */
  public static void fixedUserAndGroup(Manifests m, Check.Report report) {
    m.containers()
        .forEach(
            c -> {
              PodSecurityContext pod = podContext(c.workload());
              SecurityContext own = context(c);
              Long user = own.getRunAsUser() != null ? own.getRunAsUser() : pod.getRunAsUser();
              Long group = own.getRunAsGroup() != null ? own.getRunAsGroup() : pod.getRunAsGroup();
              if (user == null || user < MIN_ID) {
                report.violation(
                    c.workload().ref(),
                    c.ref() + ": runAsUser " + user + " is not a fixed uid >= " + MIN_ID);
              }
              if (group == null || group < MIN_ID) {
                report.violation(
                    c.workload().ref(),
                    c.ref() + ": runAsGroup " + group + " is not a fixed gid >= " + MIN_ID);
              }
            });
  }

  public static void readOnlyRootFilesystem(Manifests m, Check.Report report) {
    m.containers()
        .filter(c -> !Boolean.TRUE.equals(context(c).getReadOnlyRootFilesystem()))
        .forEach(
            c ->
                report.violation(
                    c.workload().ref(), c.ref() + ": readOnlyRootFilesystem is not true"));
  }

  public static void noPrivilegeEscalation(Manifests m, Check.Report report) {
    m.containers()
        .filter(
            c ->
                !Boolean.FALSE.equals(context(c).getAllowPrivilegeEscalation())
                    || Boolean.TRUE.equals(context(c).getPrivileged()))
        .forEach(
            c ->
                report.violation(
                    c.workload().ref(),
                    c.ref() + ": allowPrivilegeEscalation is not false (or privileged)"));
  }

  public static void dropAllCapabilities(Manifests m, Check.Report report) {
    m.containers()
        .forEach(
            c -> {
              Capabilities caps = context(c).getCapabilities();
              if (caps == null || !caps.getDrop().contains("ALL")) {
                report.violation(
                    c.workload().ref(), c.ref() + ": capabilities.drop does not contain ALL");
              } else if (!caps.getAdd().isEmpty()) {
                report.violation(
                    c.workload().ref(), c.ref() + ": capabilities.add " + caps.getAdd());
              }
            });
  }

  /** RuntimeDefault on the pod and on every container. */
  public static void seccompRuntimeDefault(Manifests m, Check.Report report) {
    for (Workload w : m.workloads()) {
      if (!isRuntimeDefault(podContext(w).getSeccompProfile())) {
        report.violation(w.ref(), "pod securityContext.seccompProfile is not RuntimeDefault");
      }
    }
    m.containers()
        .filter(c -> !isRuntimeDefault(context(c).getSeccompProfile()))
        .forEach(
            c ->
                report.violation(
                    c.workload().ref(), c.ref() + ": seccompProfile is not RuntimeDefault"));
  }

  /** No API token in any pod: false on the pod spec and on its ServiceAccount. */
  public static void noServiceAccountToken(Manifests m, Check.Report report) {
    for (Workload w : m.workloads()) {
      if (!Boolean.FALSE.equals(w.pod().getAutomountServiceAccountToken())) {
        report.violation(w.ref(), "pod automountServiceAccountToken is not false");
      }
      m.serviceAccountOf(w)
          .map(ServiceAccount::getAutomountServiceAccountToken)
          .filter(Boolean.FALSE::equals)
          .ifPresentOrElse(
              ok -> {},
              () ->
                  report.violation(
                      w.ref(),
                      "its ServiceAccount does not set automountServiceAccountToken: false"));
    }
  }

  /** Each workload runs as its own ServiceAccount, not the namespace's default. */
  public static void dedicatedServiceAccount(Manifests m, Check.Report report) {
    for (Workload w : m.workloads()) {
      String name = w.pod().getServiceAccountName();
      if (name == null || name.isBlank() || name.equals("default")) {
        report.violation(w.ref(), "runs as the default ServiceAccount");
      } else if (m.find(ServiceAccount.class, name).isEmpty()) {
        report.violation(w.ref(), "ServiceAccount " + name + " is not rendered");
      }
    }
  }

  /** Images carry an explicit tag other than latest, or a digest. */
  public static void pinnedImage(Manifests m, Check.Report report) {
    m.containers()
        .forEach(
            c -> {
              String image = c.container().getImage();
              boolean digest = image != null && image.contains("@sha256:");
              boolean tagged =
                  image != null
                      && TAG.matcher(image.substring(image.lastIndexOf('/') + 1)).matches();
              if (!digest && (!tagged || image.endsWith(":latest"))) {
                report.violation(
                    c.workload().ref(),
                    c.ref() + ": image " + image + " is not pinned to a version");
              }
            });
  }

  private static boolean isRuntimeDefault(SeccompProfile profile) {
    return profile != null && "RuntimeDefault".equals(profile.getType());
  }

  private static PodSecurityContext podContext(Workload w) {
    PodSecurityContext context = w.pod().getSecurityContext();
    return context == null ? new PodSecurityContext() : context;
  }

  private static SecurityContext context(Manifests.WorkloadContainer c) {
    SecurityContext context = c.container().getSecurityContext();
    return context == null ? new SecurityContext() : context;
  }
}
