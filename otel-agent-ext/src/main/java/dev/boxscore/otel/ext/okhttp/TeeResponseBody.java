package dev.boxscore.otel.ext.okhttp;

import dev.boxscore.otel.ext.rawhttp.RawLlmCall;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * The application's response body with every byte it reads copied to the {@link RawLlmCall} on the way; the span
 * ends when the body is exhausted, fails or is closed.
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

    TeeSource(okio.Source delegate, RawLlmCall call) {
      super(delegate);
      this.call = call;
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

    private void copy(Buffer sink, long read) {
      try {
        Buffer copy = new Buffer();
        sink.copyTo(copy, sink.size() - read, read);
        byte[] bytes = copy.readByteArray();
        call.onBytes(bytes, 0, bytes.length);
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
}
