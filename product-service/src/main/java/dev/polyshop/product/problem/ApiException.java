package dev.polyshop.product.problem;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An error the API reports on purpose; rendered as RFC 9457 problem+json by {@link
 * ProblemDetailsAdvice}. Messages are written for clients and never carry internals.
 */
public class ApiException extends RuntimeException {

  /** Base of every problem {@code type} this service defines. */
  public static final String TYPE_BASE = "https://polyshop.dev/problems/";

  private final HttpStatus status;
  private final String type;
  private final List<FieldError> errors;

  public ApiException(HttpStatus status, String typeSlug, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.type = TYPE_BASE + typeSlug;
    this.errors = List.copyOf(errors);
  }

  public ApiException(HttpStatus status, String typeSlug, String detail) {
    this(status, typeSlug, detail, List.of());
  }

  /** 400 with field-level detail. */
  public static ApiException invalid(List<FieldError> errors) {
    return new ApiException(
        HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields.", errors);
  }

  /** 400 for a single field. */
  public static ApiException invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public HttpStatus status() {
    return status;
  }

  public String type() {
    return type;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
