package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Unsigned requests: only the actions AWS serves unsigned (the federation calls, whose token is the
 * authentication) accept one; every other action of every API refuses it with
 * MissingAuthenticationToken, before it says anything about the action.
 */
class UnsignedStsTest {
  @TempDir static Path data;
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new LiveServer(data);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> post(String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @CsvSource({
    "Action=GetCallerIdentity&Version=2011-06-15",
    "Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/r"
        + "&RoleSessionName=s",
    "Action=GetSessionToken&Version=2011-06-15",
    "Action=ListUsers&Version=2010-05-08",
    "Action=NoSuchAction&Version=2011-06-15",
    "Action=AssumeRoleWithWebIdentity&Version=2010-05-08&RoleArn=r&RoleSessionName=s"
        + "&WebIdentityToken=t"
  })
  void everyOtherActionRefusesAnUnsignedRequest(String body) throws Exception {
    HttpResponse<String> response = post(body);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .contains("<Code>MissingAuthenticationToken</Code>")
        .contains("Request is missing Authentication Token");
  }
}
