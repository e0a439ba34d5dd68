package dev.polyshop.k8s.network;

import dev.polyshop.k8s.Manifests;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The variables the kubelet adds to every container: {@code KUBERNETES_SERVICE_HOST} and friends
 * (always), and Docker-link style variables for each Service with a cluster IP in the namespace
 * (unless {@code enableServiceLinks: false}). Spring Boot, for one, detects Kubernetes by them. The
 * cluster IPs are made up: nothing may connect to them (the pods use DNS names).
 */
public final class ServiceLinks {

  private ServiceLinks() {}

  public static Map<String, String> of(Manifests manifests, boolean enableServiceLinks) {
    Map<String, String> env = new LinkedHashMap<>();
    ServicePort https = new ServicePort();
    https.setName("https");
    https.setPort(443);
    https.setProtocol("TCP");
    add(env, "kubernetes", "10.96.0.1", List.of(https));
    if (enableServiceLinks) {
      List<Service> services =
          manifests.all(Service.class).stream()
              .filter(s -> !"None".equals(s.getSpec().getClusterIP()))
              .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()))
              .toList();
      for (int i = 0; i < services.size(); i++) {
        Service s = services.get(i);
        add(env, s.getMetadata().getName(), "10.96.1." + (i + 1), s.getSpec().getPorts());
      }
    }
    return env;
  }

  private static void add(
      Map<String, String> env, String service, String ip, List<ServicePort> ports) {
    String name = service.toUpperCase(Locale.ROOT).replace('-', '_');
    env.put(name + "_SERVICE_HOST", ip);
    for (ServicePort port : ports) {
      String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
      String proto = protocol.toLowerCase(Locale.ROOT);
      String key = name + "_PORT_" + port.getPort() + "_" + protocol;
      if (port == ports.getFirst()) {
        env.put(name + "_SERVICE_PORT", port.getPort().toString());
        env.put(name + "_PORT", proto + "://" + ip + ":" + port.getPort());
      }
      if (port.getName() != null) {
        env.put(
            name + "_SERVICE_PORT_" + port.getName().toUpperCase(Locale.ROOT).replace('-', '_'),
            port.getPort().toString());
      }
      env.put(key, proto + "://" + ip + ":" + port.getPort());
      env.put(key + "_PROTO", proto);
      env.put(key + "_PORT", port.getPort().toString());
      env.put(key + "_ADDR", ip);
    }
  }
}
