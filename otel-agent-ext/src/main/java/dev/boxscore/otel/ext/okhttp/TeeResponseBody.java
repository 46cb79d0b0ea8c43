package dev.boxscore.otel.ext.okhttp;

import dev.boxscore.otel.ext.rawhttp.RawLlmCall;
import java.io.IOException;
import java.io.OutputStream;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * The application's response body with every byte it reads copied to the {@link RawLlmCall} on the
 * way; the span ends when the body is exhausted, fails or is closed.
 */
final class TeeResponseBody extends ResponseBody {
  private final ResponseBody delegate;
  private final RawLlmCall call;
  private BufferedSource source;

  TeeResponseBody(ResponseBody delegate, RawLlmCall call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public MediaType contentType() {
    return delegate.contentType();
  }

  @Override
  public long contentLength() {
    return delegate.contentLength();
  }

  @Override
  public synchronized BufferedSource source() {
    if (source == null) {
      source = Okio.buffer(new TeeSource(delegate.source(), call));
    }
    return source;
  }

  static final class TeeSource extends ForwardingSource {
    private final RawLlmCall call;
    private final CallStream toCall;

    TeeSource(okio.Source delegate, RawLlmCall call) {
      super(delegate);
      this.call = call;
      this.toCall = new CallStream(call);
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long read;
      try {
        read = super.read(sink, byteCount);
      } catch (IOException | RuntimeException e) {
        call.fail(e);
        throw e;
      }
      if (read == -1) {
        call.complete();
      } else if (read > 0) {
        copy(sink, read);
      }
      return read;
    }

    /**
     * Hands the bytes just read to the call straight from the buffer's segments. A copy into
     * another buffer would share those segments, and okio recycles no shared segment: every read
     * would then allocate a new 8 KiB one.
     */
    private void copy(Buffer sink, long read) {
      try {
        sink.copyTo(toCall, sink.size() - read, read);
      } catch (Throwable t) {
        // never into user code
      }
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        call.complete();
      }
    }
  }

  /**
   * The call's body intake as an {@link OutputStream}, the form {@code Buffer.copyTo} writes
   * segments to.
   */
  static final class CallStream extends OutputStream {
    private final RawLlmCall call;

    CallStream(RawLlmCall call) {
      this.call = call;
    }

    @Override
    public void write(int b) {
      call.onBytes(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
      call.onBytes(bytes, offset, count);
    }
  }
}
