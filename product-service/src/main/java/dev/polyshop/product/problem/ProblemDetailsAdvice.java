package dev.polyshop.product.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.sql.SQLException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error as RFC 9457 {@code application/problem+json}; unexpected failures are logged
 * here and reach the client only as a generic 500, never with a stack trace or exception text.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(ApiException.class)
  @Nullable ResponseEntity<Object> handleApiException(ApiException error, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(error.status(), error.getMessage());
    problem.setType(URI.create(error.type()));
    if (!error.errors().isEmpty()) {
      problem.setProperty("errors", error.errors());
    }
    return handleExceptionInternal(error, problem, new HttpHeaders(), error.status(), request);
  }

  /** Tomcat decodes parameters lazily, when Spring first asks for one: still the client's fault. */
  @ExceptionHandler(InvalidParameterException.class)
  @Nullable ResponseEntity<Object> handleUndecodableParameters(
      InvalidParameterException error, WebRequest request) {
    String query =
        request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest
            ? servletRequest.getQueryString()
            : null;
    return handleApiException(InvalidParameters.of(error, query), request);
  }

  /**
   * A value the database refuses as data (SQLSTATE class 22, e.g. a NUL character in text) came
   * from the request: a 400, not a server failure, should validation ever let one through.
   */
  @ExceptionHandler(DataIntegrityViolationException.class)
  @Nullable ResponseEntity<Object> handleUnstorableValue(
      DataIntegrityViolationException error, WebRequest request) {
    if (!(error.getMostSpecificCause() instanceof SQLException sql)
        || sql.getSQLState() == null
        || !sql.getSQLState().startsWith("22")) {
      return handleUnexpected(error, request);
    }
    log.info("Rejected a value the database cannot store (SQLSTATE {})", sql.getSQLState());
    return handleApiException(
        new ApiException(
            HttpStatus.BAD_REQUEST,
            "invalid-request",
            "The request contains a value the catalog cannot store."),
        request);
  }

  @ExceptionHandler(DataAccessResourceFailureException.class)
  @Nullable ResponseEntity<Object> handleDatabaseUnavailable(Exception error, WebRequest request) {
    log.warn("Database unavailable: {}", error.getMessage());
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE, "The catalog is temporarily unavailable.");
    return handleExceptionInternal(
        error, problem, new HttpHeaders(), HttpStatus.SERVICE_UNAVAILABLE, request);
  }

  @ExceptionHandler(Exception.class)
  @Nullable ResponseEntity<Object> handleUnexpected(Exception error, WebRequest request) {
    log.error("Unhandled error on {}", describe(request), error);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred.");
    return handleExceptionInternal(
        error, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException error,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return handleApiException(JsonReadErrors.describe(error), request);
  }

  /** Every error response, framework ones included, passes here: force problem+json. */
  @Override
  protected @Nullable ResponseEntity<Object> handleExceptionInternal(
      Exception error,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    HttpHeaders problemHeaders = new HttpHeaders();
    problemHeaders.putAll(headers);
    problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    ResponseEntity<Object> response =
        super.handleExceptionInternal(error, body, problemHeaders, status, request);
    if (response != null
        && response.getBody() instanceof ProblemDetail problem
        && problem.getInstance() == null
        && request instanceof NativeWebRequest nativeRequest
        && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
      try {
        problem.setInstance(URI.create(servletRequest.getRequestURI()));
      } catch (IllegalArgumentException unusualPath) {
        // leave instance unset rather than fail the error response
      }
    }
    return response;
  }

  private static String describe(WebRequest request) {
    return request instanceof NativeWebRequest nativeRequest
            && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest
        ? servletRequest.getMethod() + " " + servletRequest.getRequestURI()
        : request.getDescription(false);
  }
}
