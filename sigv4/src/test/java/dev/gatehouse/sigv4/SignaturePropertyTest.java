package dev.gatehouse.sigv4;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.api.Assertions;

/**
 * Sign-then-verify round trips for generated requests, and the converse: changing any one character
 * of a signed part makes verification fail.
 *
 * <p>The mutation replaces one alphanumeric character by a different alphanumeric character,
 * outside percent escapes. That keeps the property sound: such a change can never produce a
 * canonically equal request (unlike, say, turning a space into a tab, {@code %2f} into {@code %2F},
 * or {@code /./a} into {@code ///a}, which SigV4 rightly treats as the same request).
 */
class SignaturePropertyTest {
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final Instant TIME = Instant.parse("2026-01-15T10:00:00Z");
  private static final SecretAccessKey SECRET = new SecretAccessKey(Fixtures.SECRET);
  private static final SigV4Verifier VERIFIER =
      new SigV4Verifier(
          VerificationPolicy.of(Set.of("us-east-1"), Set.of("sts", "iam")),
          new SigningKeyCache(16));
  private static final Signer SIGNER = new Signer(new SigningKeyCache(16));

  /** One generated request plus how it is signed. */
  record Case(SignedRequest request, String body, boolean presigned, String token) {
    SigningCredentials credentials() {
      return new SigningCredentials(Fixtures.KEY_ID, SECRET, token);
    }

    SignedRequest sign() {
      return presigned
          ? SIGNER
              .presign(
                  request,
                  credentials(),
                  "us-east-1",
                  "sts",
                  TIME,
                  Duration.ofMinutes(10),
                  SignerOptions.DEFAULT)
              .request()
          : SIGNER
              .signHeaders(request, credentials(), "us-east-1", "sts", TIME, SignerOptions.DEFAULT)
              .request();
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH");
    Arbitrary<String> segment =
        Arbitraries.strings()
            .withChars(ALNUM + "-_.~ !*'()+,;:@$")
            .withCharRange('\u00e0', '\u00ff')
            .ofMaxLength(8);
    Arbitrary<String> path = segment.list().ofMaxSize(4).map(s -> "/" + String.join("/", s));
    Arbitrary<String> word =
        Arbitraries.strings()
            .withChars(ALNUM + "-_.~ +!*'(),;:@/?")
            .withCharRange('\u00e0', '\u00ff')
            .ofMaxLength(10);
    Arbitrary<String> query =
        Combinators.combine(word, word)
            .as((n, v) -> n + "=" + v)
            .list()
            .ofMaxSize(4)
            .map(pairs -> String.join("&", pairs));
    Arbitrary<Header> header =
        Combinators.combine(
                Arbitraries.strings()
                    .withChars("abcdefghijklmnopqrstuvwxyz-")
                    .ofMinLength(1)
                    .ofMaxLength(8),
                Arbitraries.strings().withChars(ALNUM + " \t;,=\"/").ofMaxLength(16))
            .as((n, v) -> new Header("x-h-" + n, v));
    Arbitrary<String> body = Arbitraries.strings().withChars(ALNUM + "&=%+ ").ofMaxLength(40);
    Arbitrary<String> token = Arbitraries.of("", "", "FQoGZXIvYXdzEJr//////////wEaDM+token=");
    return Combinators.combine(
            method,
            path,
            query,
            header.list().ofMaxSize(3),
            body,
            Arbitraries.of(true, false),
            token)
        .as(
            (m, p, q, hs, b, presigned, t) -> {
              List<Header> headers = new ArrayList<>();
              headers.add(new Header("Host", "sts.amazonaws.com"));
              headers.addAll(hs);
              SignedRequest request =
                  SignedRequest.of(m, p, q, headers, b.getBytes(StandardCharsets.UTF_8));
              return new Case(request, b, presigned, t);
            });
  }

  @Property(tries = 300)
  void signedRequestsVerify(@ForAll("cases") Case c) {
    SignedRequest signed = c.sign();
    assertThatCode(() -> VERIFIER.verify(SigV4.parse(signed), signed, SECRET, TIME))
        .doesNotThrowAnyException();
  }

  @Property(tries = 500)
  void anySignedCharacterChangedFails(
      @ForAll("cases") Case c,
      @ForAll @IntRange(min = 0, max = 5) int part,
      @ForAll @IntRange(min = 0, max = 100_000) int seed) {
    SignedRequest signed = c.sign();
    SignedRequest mutated = mutate(signed, c, part, seed);
    Assume.that(mutated != null);
    SigV4Exception e =
        catchThrowableOfType(
            SigV4Exception.class,
            () -> VERIFIER.verify(SigV4.parse(mutated), mutated, SECRET, TIME));
    Assertions.assertThat(e).as("mutated part %d of %s", part, mutated).isNotNull();
  }

  @Property(tries = 100)
  void anotherSecretFails(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 39) int at) {
    SignedRequest signed = c.sign();
    String other = mutateAt(Fixtures.SECRET, at, at);
    Assume.that(other != null);
    SigV4Exception e =
        catchThrowableOfType(
            SigV4Exception.class,
            () -> VERIFIER.verify(SigV4.parse(signed), signed, new SecretAccessKey(other), TIME));
    Assertions.assertThat(e).isNotNull();
    Assertions.assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
  }

  /**
   * Parts: 0 method, 1 path, 2 query (all of it when presigned), 3 a header value, 4 body, 5
   * signature.
   */
  private static SignedRequest mutate(SignedRequest r, Case c, int part, int seed) {
    switch (part) {
      case 0 -> {
        String m = mutateAny(r.method(), seed);
        return m == null
            ? null
            : new SignedRequest(m, r.rawPath(), r.rawQuery(), r.headers(), r.payloadHash());
      }
      case 1 -> {
        String p = mutateAny(r.rawPath(), seed);
        return p == null
            ? null
            : new SignedRequest(r.method(), p, r.rawQuery(), r.headers(), r.payloadHash());
      }
      case 2 -> {
        String q = mutateAny(r.rawQuery(), seed);
        return q == null ? null : r.withRawQuery(q);
      }
      case 3 -> {
        // Every header but Authorization: the access key id in the credential is not signed
        // (SigV4 binds it through the secret the server looks up), the signature is part 5.
        List<Header> headers = new ArrayList<>(r.headers());
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
          if (!headers.get(i).is("Authorization")) {
            candidates.add(i);
          }
        }
        int index = candidates.get(seed % candidates.size());
        Header h = headers.get(index);
        String v = mutateAny(h.value(), seed / candidates.size());
        if (v == null) {
          return null;
        }
        headers.set(index, new Header(h.name(), v));
        return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), headers, r.payloadHash());
      }
      case 5 -> {
        if (c.presigned()) {
          int at = r.rawQuery().indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
          return r.withRawQuery(mutateAt(r.rawQuery(), at + seed % 64, seed));
        }
        String auth = r.headerValues("Authorization").get(0);
        int at = auth.indexOf("Signature=") + "Signature=".length();
        return Fixtures.replaceHeader(r, "Authorization", mutateAt(auth, at + seed % 64, seed));
      }
      default -> {
        String b = mutateAny(c.body(), seed);
        return b == null
            ? null
            : new SignedRequest(
                r.method(), r.rawPath(), r.rawQuery(), r.headers(), Hashing.sha256Hex(b));
      }
    }
  }

  /** Replaces one alphanumeric character (chosen by seed) outside percent escapes, or null. */
  static String mutateAny(String s, int seed) {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      boolean inEscape = (i >= 1 && s.charAt(i - 1) == '%') || (i >= 2 && s.charAt(i - 2) == '%');
      if (ALNUM.indexOf(s.charAt(i)) >= 0 && !inEscape) {
        positions.add(i);
      }
    }
    if (positions.isEmpty()) {
      return null;
    }
    return mutateAt(s, positions.get(seed % positions.size()), seed);
  }

  static String mutateAt(String s, int at, int seed) {
    int current = ALNUM.indexOf(s.charAt(at));
    if (current < 0) {
      return null;
    }
    char replacement = ALNUM.charAt((current + 1 + seed % (ALNUM.length() - 1)) % ALNUM.length());
    return s.substring(0, at) + replacement + s.substring(at + 1);
  }
}
