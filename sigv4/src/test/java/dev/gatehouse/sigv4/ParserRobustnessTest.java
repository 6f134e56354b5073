package dev.gatehouse.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Arbitrary authentication input never escapes as anything but a {@link SigV4Exception}: no {@code
 * IndexOutOfBounds}, {@code NumberFormat} or {@code DateTimeException} reaches the server.
 */
class ParserRobustnessTest {
  private static final SigV4Verifier VERIFIER =
      new SigV4Verifier(
          VerificationPolicy.of(Set.of("us-east-1"), Set.of("sts")), new SigningKeyCache(4));

  @Provide
  Arbitrary<String> fragments() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "AWS4-HMAC-SHA256",
            " ",
            ",",
            "=",
            "/",
            ";",
            "&",
            "%",
            "%2F",
            "Credential=",
            "SignedHeaders=",
            "Signature=",
            "AKID/20260115/us-east-1/sts/aws4_request",
            "host;x-amz-date",
            "X-Amz-Algorithm=",
            "X-Amz-Credential=",
            "X-Amz-Date=",
            "X-Amz-Expires=",
            "X-Amz-SignedHeaders=",
            "X-Amz-Signature=",
            "X-Amz-Security-Token=",
            "20260115T100000Z",
            "99999999999999999999",
            "-1",
            "abc",
            "\u1234",
            "\t");
    return pieces.list().ofMaxSize(12).map(list -> String.join("", list));
  }

  @Property(tries = 1000)
  void onlySigV4ExceptionsEscape(
      @ForAll("fragments") String authorization,
      @ForAll("fragments") String query,
      @ForAll("fragments") String amzDate,
      @ForAll boolean withAuthorization) {
    List<Header> headers = new ArrayList<>();
    headers.add(new Header("Host", "sts.amazonaws.com"));
    headers.add(new Header("X-Amz-Date", amzDate));
    if (withAuthorization) {
      headers.add(new Header("Authorization", authorization));
    }
    SignedRequest request = SignedRequest.of("GET", "/", query, headers, new byte[0]);
    try {
      ParsedAuthorization auth = SigV4.parse(request);
      VERIFIER.verify(
          auth, request, new SecretAccessKey("s"), Instant.parse("2026-01-15T10:00:00Z"));
    } catch (SigV4Exception e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
