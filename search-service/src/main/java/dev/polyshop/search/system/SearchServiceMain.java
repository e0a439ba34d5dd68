package dev.polyshop.search.system;

/** Boots search-service from its environment; stops cleanly on SIGTERM. */
public final class SearchServiceMain {

  private SearchServiceMain() {}

  public static void main(String[] args) throws Exception {
    Config config = Config.fromEnvironment();
    SearchApplication app = SearchApplication.start(config, GrpcServerSetup.netty(config));
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name("search-shutdown").unstarted(app::close));
    app.awaitTermination();
  }
}
