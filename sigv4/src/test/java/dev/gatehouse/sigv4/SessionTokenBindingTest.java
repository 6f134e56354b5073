package dev.gatehouse.sigv4;

import static dev.gatehouse.sigv4.Fixtures.POLICY;
import static dev.gatehouse.sigv4.Fixtures.SIGNER;
import static dev.gatehouse.sigv4.Fixtures.TIME;
import static dev.gatehouse.sigv4.Fixtures.refusal;
import static dev.gatehouse.sigv4.Fixtures.replaceHeader;
import static dev.gatehouse.sigv4.Fixtures.stsPost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Session tokens are bound into the signature, so a token cannot be moved to another request or
 * another key.
 *
 * <p>What the server must add (it owns the token format): temporary credentials are unsealed from
 * the token, and (1) the secret used for {@link SigV4Verifier#verify} is the one sealed in the
 * token, never one looked up by the request's access key id; (2) the access key id sealed in the
 * token must equal {@link ParsedAuthorization#accessKeyId()}, else {@code InvalidClientTokenId}
 * ({@link SigV4Error#INVALID_CLIENT_TOKEN_ID}, {@link SigV4Error#INVALID_TOKEN_MESSAGE}); (3) an
 * {@code ASIA} key without a token, or a token past its expiry ({@code ExpiredToken}), is refused
 * before verification. This module exposes {@link ParsedAuthorization#sessionToken()} and {@link
 * ParsedAuthorization#sessionTokenSigned()} for that.
 */
class SessionTokenBindingTest {
  /** Two sessions: what the server would unseal from each token. */
  record Session(String accessKeyId, String secret, String token) {
    SigningCredentials credentials() {
      return SigningCredentials.temporary(accessKeyId, secret, token);
    }
  }

  static final Session A =
      new Session("ASIAAAAAAAAAAAAAAAAA", "secret-of-session-a-0000000000", "tok-A");
  static final Session B =
      new Session("ASIABBBBBBBBBBBBBBBB", "secret-of-session-b-1111111111", "tok-B");

  /** The server's own checks, as described above, written out so the test reads end to end. */
  static void serverAuthenticates(SignedRequest request, Session sealedInToken) {
    ParsedAuthorization auth = SigV4.parse(request);
    if (!sealedInToken.accessKeyId().equals(auth.accessKeyId())) {
      throw new SigV4Exception(
          SigV4Error.INVALID_CLIENT_TOKEN_ID, SigV4Error.INVALID_TOKEN_MESSAGE);
    }
    Fixtures.VERIFIER.verify(auth, request, new SecretAccessKey(sealedInToken.secret()), TIME);
  }

  private static SignedRequest signedBy(SigningCredentials credentials) {
    return SIGNER
        .signHeaders(stsPost(), credentials, "us-east-1", "sts", TIME, SignerOptions.DEFAULT)
        .request();
  }

  @Test
  void eachSessionVerifiesWithItsOwnToken() {
    assertThatCode(() -> serverAuthenticates(signedBy(A.credentials()), A))
        .doesNotThrowAnyException();
    assertThatCode(() -> serverAuthenticates(signedBy(B.credentials()), B))
        .doesNotThrowAnyException();
  }

  @Test
  void tokenOfAnotherKeySignedWithOwnSecretFailsTheSignature() {
    // The holder of A's secret presents B's captured token under A's key id...
    SignedRequest replay =
        signedBy(SigningCredentials.temporary(A.accessKeyId(), A.secret(), B.token()));
    // ...the server unseals B's token: the key ids differ.
    SigV4Exception e = refusal(() -> serverAuthenticates(replay, B));
    assertThat(e.code()).isEqualTo("InvalidClientTokenId");
    assertThat(e.getMessage()).isEqualTo("The security token included in the request is invalid");
    // Even a server that skipped that check and verified with the token's secret refuses it.
    ParsedAuthorization auth = SigV4.parse(replay);
    SigV4Exception mismatch =
        refusal(
            () -> Fixtures.VERIFIER.verify(auth, replay, new SecretAccessKey(B.secret()), TIME));
    assertThat(mismatch.code()).isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void tokenSwappedIntoASignedRequestFails() {
    SignedRequest original = signedBy(B.credentials());
    SignedRequest swapped = replaceHeader(original, "X-Amz-Security-Token", A.token());
    ParsedAuthorization auth = SigV4.parse(swapped);
    assertThat(auth.sessionToken()).isEqualTo("tok-A");
    // With B's secret (B signed it) the token no longer matches what B signed...
    assertThat(
            refusal(
                    () ->
                        Fixtures.VERIFIER.verify(
                            auth, swapped, new SecretAccessKey(B.secret()), TIME))
                .code())
        .isEqualTo("SignatureDoesNotMatch");
    // ...and with A's secret (what A's token unseals to) the signature is B's, not A's.
    assertThat(
            refusal(
                    () ->
                        Fixtures.VERIFIER.verify(
                            auth, swapped, new SecretAccessKey(A.secret()), TIME))
                .code())
        .isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void unsignedTokenRefusedByDefaultAdmittedOnlyWhenThePolicySaysSo() {
    SignedRequest appended =
        SIGNER
            .signHeaders(
                stsPost(),
                B.credentials(),
                "us-east-1",
                "sts",
                TIME,
                new SignerOptions(PathStyle.NORMALIZED, false, false))
            .request();
    ParsedAuthorization auth = SigV4.parse(appended);
    assertThat(auth.hasSessionToken()).isTrue();
    assertThat(auth.sessionTokenSigned()).isFalse();
    SigV4Exception e = refusal(() -> serverAuthenticates(appended, B));
    assertThat(e.code()).isEqualTo("IncompleteSignature");
    assertThat(e.getMessage())
        .isEqualTo(
            "There were headers present in the request which were not signed:"
                + " x-amz-security-token");

    SigV4Verifier lenient =
        new SigV4Verifier(POLICY.withRequireSignedSessionToken(false), new SigningKeyCache(4));
    assertThatCode(() -> lenient.verify(auth, appended, new SecretAccessKey(B.secret()), TIME))
        .doesNotThrowAnyException();
    // Unbound, the token can be swapped: that is why the default refuses it.
    SignedRequest swapped = replaceHeader(appended, "X-Amz-Security-Token", A.token());
    assertThatCode(
            () ->
                lenient.verify(
                    SigV4.parse(swapped), swapped, new SecretAccessKey(B.secret()), TIME))
        .doesNotThrowAnyException();
  }

  @Test
  void presignedTokenIsPartOfTheCanonicalQuery() {
    SignedRequest presigned =
        SIGNER
            .presign(
                Fixtures.iamGet(),
                B.credentials(),
                "us-east-1",
                "iam",
                TIME,
                Duration.ofMinutes(15),
                SignerOptions.DEFAULT)
            .request();
    ParsedAuthorization auth = SigV4.parse(presigned);
    assertThat(auth.sessionToken()).isEqualTo("tok-B");
    assertThat(auth.sessionTokenSigned()).isTrue();
    assertThatCode(() -> serverAuthenticates(presigned, B)).doesNotThrowAnyException();
    SignedRequest swapped =
        presigned.withRawQuery(
            presigned
                .rawQuery()
                .replace("X-Amz-Security-Token=tok-B", "X-Amz-Security-Token=tok-A"));
    assertThat(refusal(() -> serverAuthenticates(swapped, B)).code())
        .isEqualTo("SignatureDoesNotMatch");
  }
}
