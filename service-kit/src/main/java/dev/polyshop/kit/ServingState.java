package dev.polyshop.kit;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * Whether this replica serves, published over {@code grpc.health.v1} for the whole server ("") and
 * for the service by name. It starts NOT_SERVING, and ends NOT_SERVING for good at shutdown.
 */
public final class ServingState {

  private final HealthStatusManager health = new HealthStatusManager();
  private final String serviceName;
  private volatile boolean serving;
  private volatile boolean terminal;

  /**
   * @param serviceName the gRPC service's full name, e.g. {@code polyshop.search.v1.SearchService}
   */
  public ServingState(String serviceName) {
    this.serviceName = serviceName;
    publish(ServingStatus.NOT_SERVING);
  }

  public BindableService healthService() {
    return health.getHealthService();
  }

  public boolean isServing() {
    return serving;
  }

  /** Ready to serve (e.g. caught up with the catalog); false once shutdown has begun. */
  public synchronized boolean markServing() {
    if (terminal || serving) {
      return false;
    }
    serving = true;
    publish(ServingStatus.SERVING);
    return true;
  }

  /** Must not answer for now (e.g. rebuilding). */
  public synchronized void markNotServing() {
    serving = false;
    publish(ServingStatus.NOT_SERVING);
  }

  /** Shutdown has begun: NOT_SERVING for good. */
  public synchronized void shutdown() {
    terminal = true;
    serving = false;
    health.enterTerminalState();
  }

  private void publish(ServingStatus status) {
    if (!terminal) {
      health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
      health.setStatus(serviceName, status);
    }
  }
}
