package dev.polyshop.k8s.network;

import dev.polyshop.k8s.Labels;
import dev.polyshop.k8s.Manifests;
import dev.polyshop.k8s.Workload;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The connections the NetworkPolicies allow, as NetworkPolicy semantics decide them: a connection
 * between two pods needs the client's egress and the server's ingress. Flows to or from outside the
 * namespace are described by the peer the policy names.
 */
public final class Flows {

  private Flows() {}

  /**
   * Every allowed flow, e.g. {@code gateway -> product-service:8081/TCP} inside the namespace,
   * {@code gateway -> namespace kubernetes.io/metadata.name=kube-system pods
   * k8s-app=kube-dns:53/UDP} or {@code anywhere -> gateway:8080/TCP}.
   */
  public static TreeSet<String> allowed(Manifests m) {
    Map<String, String> namespace =
        Map.of("kubernetes.io/metadata.name", m.namespace().orElseThrow());
    TreeSet<String> flows = new TreeSet<>();
    for (Workload client : m.workloads()) {
      for (Workload server : m.workloads()) {
        for (ContainerPort port : ports(server)) {
          if (egressAllows(m, client, server, port, namespace)
              && ingressAllows(m, server, client, port, namespace)) {
            String protocol = protocol(port.getProtocol());
            flows.add(flow(client.name(), server.name(), port.getContainerPort() + "/" + protocol));
          }
        }
      }
      for (NetworkPolicy policy : policies(m, client, "Egress")) {
        for (var rule : policy.getSpec().getEgress()) {
          for (String peer : outside(rule.getTo(), namespace)) {
            rule.getPorts().forEach(port -> flows.add(flow(client.name(), peer, describe(port))));
          }
        }
      }
      for (NetworkPolicy policy : policies(m, client, "Ingress")) {
        for (var rule : policy.getSpec().getIngress()) {
          for (String peer : outside(rule.getFrom(), namespace)) {
            rule.getPorts().forEach(port -> flows.add(flow(peer, client.name(), describe(port))));
          }
        }
      }
    }
    return flows;
  }

  private static String flow(String from, String to, String port) {
    return from + " -> " + to + ":" + port;
  }

  private static List<ContainerPort> ports(Workload w) {
    return w.pod().getContainers().stream().flatMap(c -> c.getPorts().stream()).toList();
  }

  private static List<NetworkPolicy> policies(Manifests m, Workload w, String type) {
    return m.networkPoliciesSelecting(w).stream()
        .filter(p -> p.getSpec().getPolicyTypes().contains(type))
        .toList();
  }

  private static boolean egressAllows(
      Manifests m, Workload client, Workload server, ContainerPort port, Map<String, String> ns) {
    List<NetworkPolicy> policies = policies(m, client, "Egress");
    return policies.isEmpty()
        || policies.stream()
            .flatMap(p -> p.getSpec().getEgress().stream())
            .anyMatch(
                rule -> peersMatch(rule.getTo(), server, ns) && portsMatch(rule.getPorts(), port));
  }

  private static boolean ingressAllows(
      Manifests m, Workload server, Workload client, ContainerPort port, Map<String, String> ns) {
    List<NetworkPolicy> policies = policies(m, server, "Ingress");
    return policies.isEmpty()
        || policies.stream()
            .flatMap(p -> p.getSpec().getIngress().stream())
            .anyMatch(
                rule ->
                    peersMatch(rule.getFrom(), client, ns) && portsMatch(rule.getPorts(), port));
  }

  /** No peers: everyone. A peer: pods of this namespace (podSelector) or of selected namespaces. */
  private static boolean peersMatch(
      List<NetworkPolicyPeer> peers, Workload other, Map<String, String> ns) {
    return peers.isEmpty() || peers.stream().anyMatch(peer -> selects(peer, other, ns));
  }

  private static boolean selects(NetworkPolicyPeer peer, Workload other, Map<String, String> ns) {
    if (peer.getIpBlock() != null) {
      return false;
    }
    boolean namespace =
        peer.getNamespaceSelector() == null || Labels.selects(peer.getNamespaceSelector(), ns);
    boolean pods =
        peer.getPodSelector() == null || Labels.selects(peer.getPodSelector(), other.podLabels());
    return namespace && pods;
  }

  private static boolean portsMatch(List<NetworkPolicyPort> ports, ContainerPort port) {
    return ports.isEmpty()
        || ports.stream()
            .anyMatch(
                p ->
                    protocol(p.getProtocol()).equals(protocol(port.getProtocol()))
                        && (p.getPort() == null || matches(p.getPort(), port)));
  }

  private static boolean matches(IntOrString policyPort, ContainerPort port) {
    return policyPort.getIntVal() != null
        ? policyPort.getIntVal().equals(port.getContainerPort())
        : policyPort.getStrVal().equals(port.getName());
  }

  /** The peers of a rule that lie outside this namespace, described; "anywhere" for no peers. */
  private static List<String> outside(List<NetworkPolicyPeer> peers, Map<String, String> ns) {
    if (peers.isEmpty()) {
      return List.of("anywhere");
    }
    return peers.stream().filter(p -> isOutside(p, ns)).map(Flows::describe).toList();
  }

  private static boolean isOutside(NetworkPolicyPeer peer, Map<String, String> ns) {
    return peer.getIpBlock() != null
        || (peer.getNamespaceSelector() != null
            && !Labels.selects(peer.getNamespaceSelector(), ns));
  }

  private static String describe(NetworkPolicyPeer peer) {
    if (peer.getIpBlock() != null) {
      return "ipBlock " + peer.getIpBlock().getCidr();
    }
    String pods = peer.getPodSelector() == null ? "" : " pods " + describe(peer.getPodSelector());
    return "namespace " + describe(peer.getNamespaceSelector()) + pods;
  }

  private static String describe(LabelSelector selector) {
    return selector.getMatchLabels() == null
        ? "{}"
        : selector.getMatchLabels().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .sorted()
            .collect(Collectors.joining(","));
  }

  private static String describe(NetworkPolicyPort port) {
    IntOrString number = port.getPort();
    String value =
        number == null
            ? "*"
            : number.getIntVal() != null ? number.getIntVal().toString() : number.getStrVal();
    return value + "/" + protocol(port.getProtocol());
  }

  private static String protocol(String protocol) {
    return protocol == null ? "TCP" : protocol;
  }
}
