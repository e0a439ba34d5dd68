package dev.polyshop.push.system;

/** Boots push-service from environment variables; stops gracefully on SIGTERM. */
public final class PushServiceMain {

  private PushServiceMain() {}

  public static void main(String[] args) throws Exception {
    PushServer server = PushServer.start(Config.fromEnvironment());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "push-shutdown"));
    server.awaitTermination();
  }
}
