package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;

/** A class of tests that drive one live server with the SDK's IamClient, as the account root. */
abstract class IamSdkServerTest {
  @TempDir static Path data;
  static LiveServer server;
  static IamClient iam;

  @BeforeAll
  static void startServer() throws Exception {
    server = new LiveServer(data);
    iam = server.root();
  }

  @AfterAll
  static void stopServer() {
    iam.close();
    server.close();
  }

  /** The AWS error the call fails with; fails the test if it succeeds or fails otherwise. */
  static AwsServiceException error(ThrowingCallable call) {
    try {
      call.call();
    } catch (AwsServiceException e) {
      return e;
    } catch (Throwable t) {
      throw new AssertionError("unexpected " + t, t);
    }
    throw new AssertionError("no error");
  }

  static void assertError(ThrowingCallable call, int status, String code) {
    AwsServiceException e = error(call);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.requestId()).isNotBlank();
  }
}
