package dev.gatehouse.api.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The checks of a checked stream run before a body's last byte is handed on. */
class CheckedBodyTest {
  /** A stream whose end-of-stream check fails, as a payload hash mismatch does. */
  private static InputStream failingAtEnd(byte[] data) {
    return new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        int n = super.read(b, off, len);
        if (n < 0) {
          throw S3Refusal.of(dev.gatehouse.core.s3.S3Error.BAD_DIGEST);
        }
        return n;
      }

      @Override
      public synchronized int read() {
        int n = super.read();
        if (n < 0) {
          throw S3Refusal.of(dev.gatehouse.core.s3.S3Error.BAD_DIGEST);
        }
        return n;
      }
    };
  }

  @Test
  void theCheckRunsBeforeTheLastBytesAreReturned() {
    CheckedBody body = new CheckedBody(failingAtEnd(new byte[10]), 10);
    byte[] buffer = new byte[10];
    // One read would return all ten bytes: the check runs first and refuses.
    assertThatThrownBy(() -> body.read(buffer, 0, 10))
        .isInstanceOf(S3Refusal.class)
        .hasMessageContaining("Content-MD5");
  }

  @Test
  void aBodyThatChecksOutIsReturnedWhole() throws IOException {
    CheckedBody body = new CheckedBody(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);
    assertThat(body.readAllBytes()).containsExactly(1, 2, 3);
    assertThat(body.read()).isEqualTo(-1);
    CheckedBody empty = new CheckedBody(new ByteArrayInputStream(new byte[0]), 0);
    assertThat(empty.read()).isEqualTo(-1);
  }

  @Test
  void moreThanDeclaredIsRefused() {
    CheckedBody body = new CheckedBody(new ByteArrayInputStream(new byte[] {1, 2, 3}), 2);
    assertThatThrownBy(() -> body.read(new byte[2], 0, 2))
        .isInstanceOf(S3Refusal.class)
        .extracting(e -> ((S3Refusal) e).s3Code())
        .isEqualTo("IncompleteBody");
  }

  @Test
  void shorterThanDeclaredEndsEarly() throws IOException {
    CheckedBody body = new CheckedBody(new ByteArrayInputStream(new byte[] {1}), 5);
    assertThat(body.read(new byte[5], 0, 5)).isEqualTo(1);
    assertThat(body.read(new byte[5], 0, 5)).isEqualTo(-1);
  }

  @Test
  void anEmptyBodyIsCheckedBeforeAnyStoreReadsIt() {
    // A store reads nothing of an empty body: the checks of its framing run when it is made.
    assertThatThrownBy(() -> CheckedBody.of(failingAtEnd(new byte[0]), 0))
        .isInstanceOf(S3Refusal.class)
        .hasMessageContaining("Content-MD5");
    assertThatThrownBy(() -> CheckedBody.of(new ByteArrayInputStream(new byte[] {1}), 0))
        .isInstanceOf(S3Refusal.class)
        .extracting(e -> ((S3Refusal) e).s3Code())
        .isEqualTo("IncompleteBody");
  }

  @Test
  void anEmptyBodysBrokenFramingIsAnIncompleteBody() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("malformed chunk");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            throw new IOException("malformed chunk");
          }
        };
    assertThatThrownBy(() -> CheckedBody.of(broken, 0))
        .isInstanceOf(S3Refusal.class)
        .hasMessageContaining("malformed chunk")
        .extracting(e -> ((S3Refusal) e).s3Code())
        .isEqualTo("IncompleteBody");
  }
}
