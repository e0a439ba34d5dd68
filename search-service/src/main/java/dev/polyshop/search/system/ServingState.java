package dev.polyshop.search.system;

import dev.polyshop.search.v1.SearchServiceGrpc;
import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * Whether this replica answers searches, published over {@code grpc.health.v1} for the whole server
 * ("") and for {@code polyshop.search.v1.SearchService}. Starts NOT_SERVING.
 */
public final class ServingState {

  private final HealthStatusManager health = new HealthStatusManager();
  private volatile boolean serving;
  private volatile boolean terminal;

  public ServingState() {
    publish(ServingStatus.NOT_SERVING);
  }

  public BindableService healthService() {
    return health.getHealthService();
  }

  public boolean isServing() {
    return serving;
  }

  /** The index has caught up with the catalog. */
  public synchronized void markServing() {
    if (!terminal) {
      serving = true;
      publish(ServingStatus.SERVING);
    }
  }

  /** The index is rebuilding and must not answer. */
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
      health.setStatus(SearchServiceGrpc.SERVICE_NAME, status);
    }
  }
}
