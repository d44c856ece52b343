package org.zarrspark.core.store;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.zarrspark.core.error.TooLargeException;

/**
 * Collects bytes {@code [skip, skip + limit)} of a response body. For a range, bytes past the
 * window (a server that ignored the Range header and sends the whole object) stop the transfer;
 * for a whole object, more than the limit fails it. Either way a server can never make the
 * reader allocate more than the limit.
 */
final class BodyWindow implements HttpResponse.BodySubscriber<byte[]> {
  private final long skip;
  private final long limit;
  private final boolean wholeObject;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private byte[] buf;
  private int size;
  private long seen;

  /** @param sizeHint the expected number of bytes kept (e.g. from Content-Length), or -1 */
  BodyWindow(long skip, long limit, boolean wholeObject, long sizeHint) {
    this.skip = skip;
    this.limit = limit;
    this.wholeObject = wholeObject;
    long initial = sizeHint >= 0 ? Math.min(sizeHint, limit) : Math.min(limit, 64 * 1024);
    this.buf = new byte[(int) Math.max(16, Math.min(initial, 64L << 20))];
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    for (ByteBuffer b : items) {
      take(b);
    }
    if (result.isDone()) {
      subscription.cancel();
    } else {
      subscription.request(1);
    }
  }

  private void take(ByteBuffer b) {
    if (result.isDone()) {
      return;
    }
    long start = seen;
    seen += b.remaining();
    if (wholeObject && seen > limit) {
      result.completeExceptionally(new TooLargeException("object of more than " + limit + " bytes is too large to read whole"));
      return;
    }
    long from = Math.max(start, skip);
    long to = Math.min(seen, skip + limit);
    if (to > from) {
      b.position(b.position() + (int) (from - start));
      append(b, (int) (to - from));
    }
    if (!wholeObject && seen > skip + limit) {
      // Bytes past the window: the rest of the body is not needed (this drops the connection;
      // a body that ends right at the window completes normally and keeps it).
      result.complete(buf.length == size ? buf : Arrays.copyOf(buf, size));
    }
  }

  private void append(ByteBuffer b, int n) {
    if (size + n > buf.length) {
      buf = Arrays.copyOf(buf, (int) Math.min(limit, Math.max((long) size + n, 2L * buf.length)));
    }
    b.get(buf, size, n);
    size += n;
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(buf.length == size ? buf : Arrays.copyOf(buf, size));
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
