package dev.polyshop.product.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Errors that Tomcat answers itself, before any servlet runs (a malformed percent-encoding in the
 * URI, say), as RFC 9457 problem+json like every other error of the service, instead of Tomcat's
 * HTML page. Responses that already have a body (everything Spring answers) pass untouched.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known != null ? known.getReasonPhrase() : "Error";
    byte[] body =
        ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + "}")
            .getBytes(StandardCharsets.UTF_8);
    try {
      response.setContentType("application/problem+json");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
      response.finishResponse();
    } catch (IOException | IllegalStateException clientGone) {
      // Nothing more to tell a client that went away or a response already committed.
    }
  }
}
