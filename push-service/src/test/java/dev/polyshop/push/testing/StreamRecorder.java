package dev.polyshop.push.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.push.v1.Event;
import dev.polyshop.push.v1.SubscribeRequest;
import dev.polyshop.push.v1.SubscribeResponse;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Records what one Subscribe stream receives; optionally requests messages by hand. */
public final class StreamRecorder
    implements ClientResponseObserver<SubscribeRequest, SubscribeResponse> {

  private final List<SubscribeResponse> items = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final int initialRequest;
  private volatile Status status;
  private volatile ClientCallStreamObserver<SubscribeRequest> call;

  private StreamRecorder(int initialRequest) {
    this.initialRequest = initialRequest;
  }

  /** Reads as fast as messages arrive. */
  public static StreamRecorder fast() {
    return new StreamRecorder(-1);
  }

  /** Reads only {@code initial} messages until {@link #request} asks for more. */
  public static StreamRecorder manual(int initial) {
    return new StreamRecorder(initial);
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<SubscribeRequest> requestStream) {
    this.call = requestStream;
    if (initialRequest >= 0) {
      requestStream.disableAutoRequestWithInitial(initialRequest);
    }
  }

  @Override
  public void onNext(SubscribeResponse value) {
    items.add(value);
  }

  @Override
  public void onError(Throwable t) {
    status = Status.fromThrowable(t);
    closed.countDown();
  }

  @Override
  public void onCompleted() {
    status = Status.OK;
    closed.countDown();
  }

  /** Asks the server for {@code n} more messages (manual mode). */
  public void request(int n) {
    call.request(n);
  }

  /** Cancels the stream from the client side. */
  public void cancel() {
    call.cancel("test cancels", null);
  }

  /** Everything received so far. */
  public List<SubscribeResponse> items() {
    return List.copyOf(items);
  }

  /** The events received so far, in order. */
  public List<Event> events() {
    return items.stream()
        .filter(SubscribeResponse::hasEvent)
        .map(SubscribeResponse::getEvent)
        .toList();
  }

  /** Ids of the events received so far. */
  public List<String> eventIds() {
    return events().stream().map(Event::getId).toList();
  }

  /** Waits until {@code n} events arrived. */
  public StreamRecorder awaitEvents(int n, Duration timeout) {
    return awaitItems(
        items -> items.stream().filter(SubscribeResponse::hasEvent).count() >= n, timeout);
  }

  /** Waits until the received items satisfy {@code condition}. */
  public StreamRecorder awaitItems(Predicate<List<SubscribeResponse>> condition, Duration timeout) {
    Awaits.until(() -> condition.test(items), timeout, () -> "stream items: " + describe());
    return this;
  }

  /** Waits for the stream to end and returns its status. */
  public Status awaitClose(Duration timeout) throws InterruptedException {
    assertThat(closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("stream closed within %s", timeout)
        .isTrue();
    return status;
  }

  /** The final status, or null while open. */
  public Status status() {
    return status;
  }

  private String describe() {
    var all = items;
    int from = Math.max(0, all.size() - 5);
    return all.size() + " items, last: " + all.subList(from, all.size()) + ", status " + status;
  }
}
