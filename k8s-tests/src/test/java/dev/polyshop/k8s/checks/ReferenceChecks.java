package dev.polyshop.k8s.checks;

import dev.polyshop.k8s.Manifests;
import dev.polyshop.k8s.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What pods and Ingresses name is rendered: ConfigMaps and Secrets with the keys read from them,
 * and volumes. A Secret may instead be one the overlay documents as created outside git.
 */
public final class ReferenceChecks {

  private final Manifests manifests;
  private final Check.Report report;
  private final Set<String> externalSecrets;

  private ReferenceChecks(Manifests manifests, Check.Report report, Set<String> externalSecrets) {
    this.manifests = manifests;
    this.report = report;
    this.externalSecrets = externalSecrets;
  }

  public static List<Check> all(Set<String> externalSecrets) {
    return List.of(
        new Check(
            "references-resolve", (m, r) -> new ReferenceChecks(m, r, externalSecrets).resolve()),
        new Check("volume-mounts-resolve", ReferenceChecks::volumeMountsResolve));
  }

  private void resolve() {
    manifests
        .containers()
        .forEach(
            c -> {
              for (EnvFromSource from : c.container().getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                  configMap(c.ref(), from.getConfigMapRef().getName(), null);
                }
                if (from.getSecretRef() != null) {
                  secret(c.ref(), from.getSecretRef().getName(), null);
                }
              }
              c.container().getEnv().stream()
                  .map(e -> e.getValueFrom())
                  .filter(source -> source != null)
                  .forEach(source -> keyRef(c.ref(), source));
            });
    for (Workload w : manifests.workloads()) {
      for (Volume v : w.pod().getVolumes()) {
        if (v.getConfigMap() != null) {
          configMap(w.ref(), v.getConfigMap().getName(), null);
        }
        if (v.getSecret() != null) {
          secret(w.ref(), v.getSecret().getSecretName(), null);
        }
      }
    }
    for (Ingress ingress : manifests.all(Ingress.class)) {
      for (IngressTLS tls : ingress.getSpec().getTls()) {
        secret("Ingress/" + ingress.getMetadata().getName(), tls.getSecretName(), null);
      }
    }
  }

  private void keyRef(String ref, EnvVarSource source) {
    if (source.getConfigMapKeyRef() != null) {
      configMap(ref, source.getConfigMapKeyRef().getName(), source.getConfigMapKeyRef().getKey());
    }
    if (source.getSecretKeyRef() != null) {
      secret(ref, source.getSecretKeyRef().getName(), source.getSecretKeyRef().getKey());
    }
  }

  private void configMap(String ref, String name, String key) {
    var configMap = manifests.find(ConfigMap.class, name);
    if (configMap.isEmpty()) {
      report.violation(ref, "ConfigMap " + name + " is not rendered");
    } else if (key != null && !configMap.get().getData().containsKey(key)) {
      report.violation(ref, "ConfigMap " + name + " has no key " + key);
    }
  }

  private void secret(String ref, String name, String key) {
    var secret = manifests.find(Secret.class, name);
    if (secret.isEmpty()) {
      if (!externalSecrets.contains(name)) {
        report.violation(
            ref, "Secret " + name + " is neither rendered nor a documented external Secret");
      }
      return;
    }
    Set<String> keys = new HashSet<>(secret.get().getData().keySet());
    keys.addAll(secret.get().getStringData().keySet());
    if (key != null && !keys.contains(key)) {
      report.violation(ref, "Secret " + name + " has no key " + key);
    }
  }

  /** Every volumeMount names a pod volume (or a StatefulSet volume claim). */
  public static void volumeMountsResolve(Manifests m, Check.Report report) {
    m.containers()
        .forEach(
            c -> {
              Set<String> volumes = new HashSet<>();
              c.workload().pod().getVolumes().forEach(v -> volumes.add(v.getName()));
              if (c.workload().object() instanceof StatefulSet s) {
                s.getSpec()
                    .getVolumeClaimTemplates()
                    .forEach(t -> volumes.add(t.getMetadata().getName()));
              }
              c.container().getVolumeMounts().stream()
                  .filter(mount -> !volumes.contains(mount.getName()))
                  .forEach(
                      mount ->
                          report.violation(
                              c.workload().ref(),
                              c.ref() + ": mounts unknown volume " + mount.getName()));
            });
  }
}
