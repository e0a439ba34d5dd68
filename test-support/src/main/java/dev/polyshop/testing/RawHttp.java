package dev.polyshop.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 over a plain socket, for requests that HTTP clients refuse to send (malformed URIs,
 * invalid bytes in headers). Sends the bytes as given and parses one response.
 */
public final class RawHttp {

  private static final int TIMEOUT_MILLIS = 10_000;

  private RawHttp() {}

  /**
   * One response; header names are lower case.
   *
   * @param status the status code from the status line
   * @param headers the response headers, last value wins
   * @param body the body bytes, de-chunked
   */
  public record Response(int status, Map<String, String> headers, byte[] body) {

    public @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Builds a request: the request line's bytes as given, then headers, then the body. */
  public static byte[] request(
      String method, byte[] target, byte[] headers, byte @Nullable [] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(method.getBytes(StandardCharsets.US_ASCII));
    out.write(' ');
    out.writeBytes(target);
    out.writeBytes(
        " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(headers);
    if (body != null) {
      out.writeBytes(
          ("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  /** A request with ASCII target and headers ({@code "Name: value\r\n"} lines) and no body. */
  public static byte[] request(String method, String target, String headers) {
    return request(
        method,
        target.getBytes(StandardCharsets.ISO_8859_1),
        headers.getBytes(StandardCharsets.ISO_8859_1),
        null);
  }

  /** Sends {@code request} to localhost:{@code port} on a new connection and reads the answer. */
  public static Response exchange(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException closedEarly) {
        // The server may answer and close before reading everything (e.g. 431): read what it said.
      }
      return read(new BufferedInputStream(socket.getInputStream()));
    }
  }

  private static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
      throw new IOException("no HTTP response, got: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.put(
          header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          header.substring(colon + 1).trim());
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked(in);
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
    }
    return new Response(status, headers, body);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String size = line(in); size != null; size = line(in)) {
      int length = Integer.parseInt(size.split(";")[0].trim(), 16);
      if (length == 0) {
        break;
      }
      body.writeBytes(in.readNBytes(length));
      line(in);
    }
    return body.toByteArray();
  }

  /** One CRLF-terminated line as ISO-8859-1, or null at the end of the stream. */
  private static @Nullable String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
