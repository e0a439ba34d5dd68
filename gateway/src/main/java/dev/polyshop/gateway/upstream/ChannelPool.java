package dev.polyshop.gateway.upstream;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Several channels (each its own HTTP/2 connections) to one upstream, used as one, for long-lived
 * calls: each new call goes to the channel with the fewest calls open, and when every channel holds
 * {@code callsPerChannel} the call fails at once with {@code UNAVAILABLE}.
 *
 * <p>An HTTP/2 connection carries a bounded number of concurrent streams (push-service allows 2,000
 * per connection). On a single channel the call past that bound is not refused: it waits in the
 * client for a free stream, so an SSE subscriber would hang without a word. Counting the calls
 * here, with a bound no larger than the server's, turns that ceiling into capacity ({@code channels
 * × callsPerChannel}) and a clear error beyond it. {@code maxCalls} bounds the calls over all
 * channels below that, where something else runs out first (the gateway's open files: {@link
 * SubscriberLimit}).
 */
final class ChannelPool extends ManagedChannel {

  private final List<ManagedChannel> channels;
  private final AtomicInteger[] open;
  private final int callsPerChannel;
  private final int maxCalls;
  private final AtomicInteger total = new AtomicInteger();

  ChannelPool(int channels, int callsPerChannel, int maxCalls, Supplier<ManagedChannel> factory) {
    if (channels < 1 || callsPerChannel < 1 || maxCalls < 1) {
      throw new IllegalArgumentException(
          "channels, callsPerChannel and maxCalls must be at least 1");
    }
    this.maxCalls = Math.min(maxCalls, channels * callsPerChannel);
    this.channels = java.util.stream.Stream.generate(factory).limit(channels).toList();
    this.open = new AtomicInteger[channels];
    for (int i = 0; i < channels; i++) {
      open[i] = new AtomicInteger();
    }
    this.callsPerChannel = callsPerChannel;
  }

  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    return new PooledCall<>(method, options);
  }

  /** Picks its channel when started, so that a call never started holds no slot. */
  private final class PooledCall<Q, R> extends ClientCall<Q, R> {
    private final MethodDescriptor<Q, R> method;
    private final CallOptions options;
    private @Nullable ClientCall<Q, R> delegate;

    PooledCall(MethodDescriptor<Q, R> method, CallOptions options) {
      this.method = method;
      this.options = options;
    }

    @Override
    public void start(Listener<R> listener, Metadata headers) {
      int chosen = reserve();
      if (chosen < 0) {
        delegate = new RefusedCall<>();
        listener.onClose(
            Status.UNAVAILABLE.withDescription(
                "the gateway holds its maximum of "
                    + maxCalls
                    + " calls to this upstream; try again later"),
            new Metadata());
        return;
      }
      AtomicBoolean released = new AtomicBoolean();
      Runnable release =
          () -> {
            if (released.compareAndSet(false, true)) {
              open[chosen].decrementAndGet();
              total.decrementAndGet();
            }
          };
      ClientCall<Q, R> call = channels.get(chosen).newCall(method, options);
      delegate = call;
      try {
        call.start(
            new SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onClose(Status status, Metadata trailers) {
                release.run();
                super.onClose(status, trailers);
              }
            },
            headers);
      } catch (RuntimeException e) {
        release.run();
        throw e;
      }
    }

    private ClientCall<Q, R> started() {
      ClientCall<Q, R> call = delegate;
      if (call == null) {
        throw new IllegalStateException("call not started");
      }
      return call;
    }

    @Override
    public void request(int messages) {
      started().request(messages);
    }

    @Override
    public void cancel(String message, Throwable cause) {
      if (delegate != null) {
        delegate.cancel(message, cause);
      }
    }

    @Override
    public void halfClose() {
      started().halfClose();
    }

    @Override
    public void sendMessage(Q message) {
      started().sendMessage(message);
    }

    @Override
    public boolean isReady() {
      return delegate != null && delegate.isReady();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      started().setMessageCompression(enabled);
    }

    @Override
    public io.grpc.Attributes getAttributes() {
      return delegate == null ? io.grpc.Attributes.EMPTY : delegate.getAttributes();
    }
  }

  /**
   * Takes a slot on the least-busy channel with room: its index, or -1 when all are full or the
   * pool holds {@code maxCalls}.
   */
  private int reserve() {
    if (total.incrementAndGet() > maxCalls) {
      total.decrementAndGet();
      return -1;
    }
    while (true) {
      int best = -1;
      int least = callsPerChannel;
      for (int i = 0; i < open.length; i++) {
        int n = open[i].get();
        if (n < least) {
          least = n;
          best = i;
        }
      }
      if (best < 0) {
        total.decrementAndGet();
        return -1;
      }
      if (open[best].compareAndSet(least, least + 1)) {
        return best;
      }
    }
  }

  @Override
  public String authority() {
    return channels.getFirst().authority();
  }

  @Override
  public ManagedChannel shutdown() {
    channels.forEach(ManagedChannel::shutdown);
    return this;
  }

  @Override
  public boolean isShutdown() {
    return channels.stream().allMatch(ManagedChannel::isShutdown);
  }

  @Override
  public boolean isTerminated() {
    return channels.stream().allMatch(ManagedChannel::isTerminated);
  }

  @Override
  public ManagedChannel shutdownNow() {
    channels.forEach(ManagedChannel::shutdownNow);
    return this;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    for (ManagedChannel channel : channels) {
      if (!channel.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        return false;
      }
    }
    return true;
  }

  /** Stands in for a call refused before it reached the upstream: everything is a no-op. */
  private static final class RefusedCall<Q, R> extends ClientCall<Q, R> {
    @Override
    public void start(Listener<R> listener, Metadata headers) {}

    @Override
    public void request(int messages) {}

    @Override
    public void cancel(String message, Throwable cause) {}

    @Override
    public void halfClose() {}

    @Override
    public void sendMessage(Q message) {}
  }
}
