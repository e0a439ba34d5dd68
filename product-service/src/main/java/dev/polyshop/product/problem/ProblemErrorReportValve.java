package dev.polyshop.product.problem;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Errors that Tomcat answers itself, before any servlet runs (a malformed request line or header, a
 * bad percent-encoding in the URI, an oversized request line or header), as RFC 9457 problem+json
 * like every other error of the service, instead of Tomcat's HTML page. Responses that already have
 * a body (everything Spring answers) pass untouched.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

  /** Tomcat's only signal for an overflowing header buffer: a plain exception with this text. */
  private static final String HEADER_TOO_LARGE =
      StringManager.getManager("org.apache.coyote.http11")
          .getString("iib.requestheadertoolarge.error");

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    if (response.getStatus() < 400 || response.getContentWritten() > 0) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    int status = statusOf(request, response.getStatus(), throwable);
    byte[] body = ProblemResponses.json(ProblemDetail.forStatus(status));
    try {
      response.setStatus(status);
      response.setContentType("application/problem+json");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
      response.finishResponse();
    } catch (IOException | IllegalStateException clientGone) {
      // Nothing more to tell a client that went away or a response already committed.
    }
  }

  /**
   * Tomcat answers 400 when the request line or the headers overflow its header buffer; the precise
   * answers are 414 (the request line never ended) and 431 (a header did not).
   */
  private static int statusOf(Request request, int status, Throwable throwable) {
    if (status != HttpStatus.BAD_REQUEST.value()
        || !(throwable instanceof IllegalArgumentException)
        || !HEADER_TOO_LARGE.equals(throwable.getMessage())) {
      return status;
    }
    // Tomcat records the target only once the request line has been read in full.
    boolean targetRead = !request.getCoyoteRequest().requestURI().isNull();
    return targetRead
        ? HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value()
        : HttpStatus.URI_TOO_LONG.value();
  }
}
