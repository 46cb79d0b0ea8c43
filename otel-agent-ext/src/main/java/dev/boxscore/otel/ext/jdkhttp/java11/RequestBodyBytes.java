package dev.boxscore.otel.ext.jdkhttp.java11;

import dev.boxscore.otel.ext.rawhttp.RawLlmCall;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * Reads a request body once more for the span, only from the JDK's own in-memory publishers ({@code
 * BodyPublishers.ofString / ofByteArray}), which are made to be subscribed again (the client does
 * so on retries and redirects) and deliver synchronously; any other publisher (a stream, a file,
 * the application's own) is left alone.
 */
final class RequestBodyBytes implements Flow.Subscriber<ByteBuffer> {
  /** Sized by the publisher's content length, so the bytes are copied once. */
  private final byte[] bytes;

  private int length;
  private boolean complete;
  private boolean failed;

  static byte[] of(HttpRequest request) {
    if (!request.bodyPublisher().isPresent()) {
      return null;
    }
    HttpRequest.BodyPublisher publisher = request.bodyPublisher().get();
    String type = publisher.getClass().getName();
    if (!type.startsWith("jdk.internal.net.http.")
        || !(type.endsWith("ByteArrayPublisher") || type.endsWith("StringPublisher"))) {
      return null;
    }
    long length = publisher.contentLength();
    if (length <= 0 || length > RawLlmCall.MAX_REQUEST_BYTES) {
      return null;
    }
    RequestBodyBytes reader = new RequestBodyBytes((int) length);
    publisher.subscribe(reader);
    return reader.complete && !reader.failed && reader.length == length ? reader.bytes : null;
  }

  private RequestBodyBytes(int length) {
    this.bytes = new byte[length];
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.request(Long.MAX_VALUE);
    if (!complete) {
      // not delivered synchronously after all: give up rather than wait
      failed = true;
      subscription.cancel();
    }
  }

  @Override
  public void onNext(ByteBuffer item) {
    ByteBuffer view = item.duplicate();
    int count = view.remaining();
    if (count > bytes.length - length) {
      // more than the announced length: not the body this reader expected
      failed = true;
      return;
    }
    view.get(bytes, length, count);
    length += count;
  }

  @Override
  public void onError(Throwable throwable) {
    failed = true;
  }

  @Override
  public void onComplete() {
    complete = true;
  }
}
