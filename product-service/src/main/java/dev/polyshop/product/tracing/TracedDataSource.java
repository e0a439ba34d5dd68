package dev.polyshop.product.tracing;

import dev.polyshop.kit.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A data source whose statements, run inside a traced request, are CLIENT spans named by their
 * operation ({@code SELECT}, {@code INSERT}, ...) with the statement's text (the SQL with its
 * {@code ?} placeholders, never the values). Statements run outside a trace (the feed's sequencer,
 * compaction) make no spans. Everything else goes straight to the wrapped data source, which {@code
 * unwrap} still reaches (the pool's metrics find it).
 */
final class TracedDataSource {

  private TracedDataSource() {}

  static DataSource wrap(DataSource target, Tracing tracing) {
    return proxy(DataSource.class, target, new Forwarding(target, tracing, null));
  }

  private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(
            TracedDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  /**
   * Forwards every call to {@code target}, wrapping the connections and statements it hands out;
   * {@code sql} is the statement's text for a prepared statement.
   */
  private record Forwarding(Object target, Tracing tracing, @Nullable String sql)
      implements InvocationHandler {

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args)
        throws Throwable {
      String name = method.getName();
      if (name.equals("unwrap")) {
        // The driver's or the pool's own classes, as asked for, never wrapped again.
        return args != null && ((Class<?>) args[0]).isInstance(proxy) ? proxy : call(method, args);
      }
      if (name.startsWith("execute") && Span.current().getSpanContext().isValid()) {
        String text = sql != null ? sql : args != null && args[0] instanceof String s ? s : null;
        if (text != null) {
          return traced(text, method, args);
        }
      }
      Object result = call(method, args);
      return switch (result) {
        case Connection connection ->
            proxy(Connection.class, connection, new Forwarding(connection, tracing, null));
        case CallableStatement statement ->
            proxy(
                CallableStatement.class, statement, new Forwarding(statement, tracing, text(args)));
        case PreparedStatement statement ->
            proxy(
                PreparedStatement.class, statement, new Forwarding(statement, tracing, text(args)));
        case Statement statement ->
            proxy(Statement.class, statement, new Forwarding(statement, tracing, null));
        case null -> null;
        default -> result;
      };
    }

    private @Nullable Object traced(String text, Method method, @Nullable Object[] args)
        throws Throwable {
      String operation = operation(text);
      Span span =
          tracing
              .tracer()
              .spanBuilder(operation)
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute("db.system.name", "postgresql")
              .setAttribute("db.operation.name", operation)
              .setAttribute("db.query.text", text)
              .startSpan();
      try {
        return call(method, args);
      } catch (Throwable e) {
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
        throw e;
      } finally {
        span.end();
      }
    }

    private @Nullable Object call(Method method, @Nullable Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private static @Nullable String text(@Nullable Object[] args) {
      return args != null && args.length > 0 && args[0] instanceof String sql ? sql : null;
    }

    /** The statement's first word: SELECT, INSERT, UPDATE, DELETE, WITH, ... */
    private static String operation(String sql) {
      String trimmed = sql.strip();
      int end = 0;
      while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
        end++;
      }
      return end == 0 ? "SQL" : trimmed.substring(0, end).toUpperCase(Locale.ROOT);
    }
  }
}
