package dev.gatehouse.server.e2e;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** S3 clients of the AWS SDK for Java v2 for a live server: path style, the SDK's defaults. */
final class S3Fixture {
  private S3Fixture() {}

  static S3Client s3(URI endpoint, AwsCredentials credentials) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /**
   * A client whose uploads are changed on the wire after the SDK signed them: one byte of the body
   * (past any chunk header) is flipped.
   *
   * @param chunked whether the SDK sends aws-chunked bodies with chunk signatures; without, the
   *     body is sent whole with its SHA-256 signed in {@code x-amz-content-sha256}
   */
  static S3Client tampering(URI endpoint, AwsCredentials credentials, boolean chunked) {
    return tampering(endpoint, credentials, chunked, 300);
  }

  /** The same, flipping the byte at {@code position} of each PUT body as sent. */
  static S3Client tampering(
      URI endpoint, AwsCredentials credentials, boolean chunked, long position) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(chunked).build())
        .requestChecksumCalculation(
            chunked
                ? RequestChecksumCalculation.WHEN_SUPPORTED
                : RequestChecksumCalculation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(new Tampering(UrlConnectionHttpClient.create(), position))
        .build();
  }

  static S3Presigner presigner(URI endpoint, AwsCredentials credentials) {
    return S3Presigner.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .build();
  }

  /** S3's error code of a refused call. */
  static AwsServiceException error(Runnable call) {
    try {
      call.run();
    } catch (AwsServiceException e) {
      return e;
    }
    throw new AssertionError("the call succeeded");
  }

  static Duration presignFor(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  /** Flips one byte of every PUT body at {@code position}, after signing. */
  static final class Tampering implements SdkHttpClient {
    private final SdkHttpClient delegate;
    private final long position;

    Tampering(SdkHttpClient delegate, long position) {
      this.delegate = delegate;
      this.position = position;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      HttpExecuteRequest sent = request;
      if (request.httpRequest().method() == SdkHttpMethod.PUT
          && request.contentStreamProvider().isPresent()) {
        ContentStreamProvider original = request.contentStreamProvider().get();
        ContentStreamProvider flipped = () -> new Flip(original.newStream(), position);
        sent =
            HttpExecuteRequest.builder()
                .request(request.httpRequest())
                .contentStreamProvider(flipped)
                .build();
      }
      return delegate.prepareRequest(sent);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static final class Flip extends FilterInputStream {
    private final long position;
    private long read;

    Flip(InputStream in, long position) {
      super(in);
      this.position = position;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && read++ == position) {
        return b ^ 0x01;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0 && position >= read && position < read + n) {
        buffer[offset + (int) (position - read)] ^= 0x01;
      }
      if (n > 0) {
        read += n;
      }
      return n;
    }
  }
}
