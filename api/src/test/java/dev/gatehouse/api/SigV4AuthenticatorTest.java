package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.sigv4.Header;
import dev.gatehouse.sigv4.SigV4Verifier;
import dev.gatehouse.sigv4.SignedRequest;
import dev.gatehouse.sigv4.Signer;
import dev.gatehouse.sigv4.SignerOptions;
import dev.gatehouse.sigv4.SigningCredentials;
import dev.gatehouse.sigv4.SigningKeyCache;
import dev.gatehouse.sigv4.VerificationPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each authentication check refuses with AWS's code, in AWS's order. */
class SigV4AuthenticatorTest {
  static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
  static final String BODY = "Action=GetUser&Version=2010-05-08";
  static final Principal.User ALICE =
      new Principal.User("123456789012", "alice", "/", "AIDAAAAAAAAAAAAAAAAA");

  final Credentials store =
      id ->
          switch (id) {
            case "AKIAALICEALICEALICE1" ->
                Optional.of(new Credentials.Credential(ALICE, "alice-secret", true));
            case "AKIAOLDOLDOLDOLDOLD1" ->
                Optional.of(new Credentials.Credential(ALICE, "old-secret", false));
            default -> Optional.empty();
          };

  SigV4Authenticator authenticator(Optional<String> dev) {
    return new SigV4Authenticator(
        new SigV4Verifier(
            VerificationPolicy.of(Set.of("us-east-1"), Set.of("iam")), new SigningKeyCache(16)),
        store,
        Clock.fixed(NOW, ZoneOffset.UTC),
        dev);
  }

  static HttpRequestView signed(
      String keyId, String secret, Instant time, String region, String token) {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    SignedRequest request =
        SignedRequest.of(
            "POST",
            "/",
            "",
            List.of(
                new Header("Host", "127.0.0.1:7440"),
                new Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")),
            body);
    SigningCredentials credentials =
        token.isEmpty()
            ? SigningCredentials.of(keyId, secret)
            : SigningCredentials.temporary(keyId, secret, token);
    SignedRequest out =
        new Signer(new SigningKeyCache(4))
            .signHeaders(request, credentials, region, "iam", time, SignerOptions.DEFAULT)
            .request();
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Header h : out.headers()) {
      headers.add(new AbstractMap.SimpleImmutableEntry<>(h.name(), h.value()));
    }
    return new HttpRequestView("POST", "/", "", headers, body, "127.0.0.1", false);
  }

  static HttpRequestView signed(String keyId, String secret) {
    return signed(keyId, secret, NOW, "us-east-1", "");
  }

  ErrorCode refusal(HttpRequestView request) {
    try {
      authenticator(Optional.empty()).authenticate(request);
    } catch (GatehouseException e) {
      return e.code();
    }
    throw new AssertionError("accepted");
  }

  @Test
  void aCorrectSignatureAuthenticatesTheKeysPrincipal() {
    Caller caller =
        authenticator(Optional.empty())
            .authenticate(signed("AKIAALICEALICEALICE1", "alice-secret"));
    assertThat(caller).isEqualTo(new Caller(ALICE, "AKIAALICEALICEALICE1", "us-east-1", "iam"));
    assertThat(
            authenticator(Optional.empty())
                .claimedAccessKeyId(signed("AKIAALICEALICEALICE1", "alice-secret")))
        .isEqualTo("AKIAALICEALICEALICE1");
  }

  @Test
  void everyCheckRefuses() {
    HttpRequestView unsigned =
        new HttpRequestView("POST", "/", "", List.of(), new byte[0], "127.0.0.1", false);
    assertThat(refusal(unsigned)).isEqualTo(ErrorCode.MISSING_AUTHENTICATION_TOKEN);
    assertThat(authenticator(Optional.empty()).claimedAccessKeyId(unsigned)).isEmpty();
    HttpRequestView garbled =
        new HttpRequestView(
            "POST",
            "/",
            "",
            List.of(new AbstractMap.SimpleImmutableEntry<>("Authorization", "AWS4-HMAC-SHA256 x")),
            new byte[0],
            "127.0.0.1",
            false);
    assertThat(refusal(garbled)).isEqualTo(ErrorCode.INCOMPLETE_SIGNATURE);
    assertThat(refusal(signed("AKIAUNKNOWNUNKNOWN01", "x")))
        .isEqualTo(ErrorCode.INVALID_CLIENT_TOKEN_ID);
    assertThat(refusal(signed("AKIAOLDOLDOLDOLDOLD1", "old-secret")))
        .isEqualTo(ErrorCode.INVALID_CLIENT_TOKEN_ID);
    assertThat(refusal(signed("AKIAALICEALICEALICE1", "wrong-secret")))
        .isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    assertThat(
            refusal(
                signed(
                    "AKIAALICEALICEALICE1",
                    "alice-secret",
                    NOW.minus(Duration.ofMinutes(16)),
                    "us-east-1",
                    "")))
        .isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    assertThat(refusal(signed("AKIAALICEALICEALICE1", "alice-secret", NOW, "mars-north-1", "")))
        .isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    assertThat(refusal(signed("ASIAALICEALICEALICE1", "alice-secret", NOW, "us-east-1", "tok")))
        .isEqualTo(ErrorCode.INVALID_CLIENT_TOKEN_ID);
  }

  @Test
  void aSkewedRequestIsRefusedBeforeTheKeyIsLookedUp() {
    // An unknown key with an expired date reports the date, as AWS checks the scope first.
    assertThat(
            refusal(
                signed(
                    "AKIAUNKNOWNUNKNOWN01", "x", NOW.minus(Duration.ofHours(1)), "us-east-1", "")))
        .isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void devModeLetsUnknownKeysActAsRootButStillChecksKnownOnes() {
    SigV4Authenticator dev = authenticator(Optional.of("111122223333"));
    assertThat(dev.authenticate(signed("test", "test")).principal())
        .isEqualTo(new Principal.Root("111122223333"));
    try {
      dev.authenticate(signed("AKIAALICEALICEALICE1", "wrong"));
      throw new AssertionError("accepted");
    } catch (GatehouseException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }
  }
}
