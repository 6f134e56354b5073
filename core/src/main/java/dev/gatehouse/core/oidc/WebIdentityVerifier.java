package dev.gatehouse.core.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.domain.OidcProvider;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.sts.FederatedAssumption;
import dev.gatehouse.core.sts.FederatedCaller;
import dev.gatehouse.core.sts.SessionTag;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies an AssumeRoleWithWebIdentity token as AWS does: the token's issuer must be an OIDC
 * provider registered in the role's account; the signature must verify with the issuer's current
 * key (RS256/ES256 and their larger kin; never {@code none} or HMAC); one audience must be among
 * the provider's client ids; {@code exp}, {@code nbf} and {@code iat} are checked with a bounded
 * clock skew. The result carries the provider's condition keys ({@code HOST/PATH:sub}, {@code
 * :aud}, {@code :oaud}, {@code :amr}) and the session tags and source identity the token passes.
 *
 * <p>spec: STS API Reference, AssumeRoleWithWebIdentity (errors InvalidIdentityToken,
 * ExpiredTokenException, IDPCommunicationError; "Using Session Tags": claim {@code
 * https://aws.amazon.com/tags} with {@code principal_tags} and {@code transitive_tag_keys}; claim
 * {@code https://aws.amazon.com/source_identity}); IAM User Guide, "Available keys for AWS OIDC
 * federation".
 */
public final class WebIdentityVerifier {
  /** The clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}. */
  public static final Duration SKEW = Duration.ofSeconds(60);

  static final String TAGS_CLAIM = "https://aws.amazon.com/tags";
  static final String SOURCE_IDENTITY_CLAIM = "https://aws.amazon.com/source_identity";

  private final Function<String, List<OidcProvider>> providers;
  private final OidcKeys keys;
  private final Clock clock;

  /**
   * @param providers the OIDC providers of an account, by account id
   */
  public WebIdentityVerifier(
      Function<String, List<OidcProvider>> providers, OidcKeys keys, Clock clock) {
    this.providers = providers;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * @throws GatehouseException InvalidIdentityToken, ExpiredTokenException or IDPCommunicationError
   */
  public WebIdentity verify(WebIdentityRequest in) {
    Jwt jwt = Jwt.parse(in.token());
    if (!JwtSignatures.supported(jwt.algorithm())) {
      throw Jwt.invalid("The token's signing algorithm " + jwt.algorithm() + " is not supported.");
    }
    String issuer =
        jwt.string("iss").orElseThrow(() -> Jwt.invalid("The token has no issuer (iss) claim."));
    OidcProvider provider = provider(accountOf(in.roleArn()), issuer);
    PublicKey key =
        keys.key(issuer, jwt.keyId())
            .orElseThrow(
                () ->
                    Jwt.invalid(
                        "The token's key id (kid) "
                            + jwt.keyId()
                            + " is not among the keys of the identity provider."));
    if (!JwtSignatures.verify(jwt.algorithm(), key, jwt.signingInput(), jwt.signature())) {
      throw Jwt.invalid("The token's signature does not verify with the identity provider's key.");
    }
    List<String> audiences = jwt.strings("aud");
    Optional<String> azp = jwt.string("azp");
    String audience = audience(provider, audiences, azp);
    checkTimes(jwt);
    String subject =
        jwt.string("sub").orElseThrow(() -> Jwt.invalid("The token has no subject (sub) claim."));
    String prefix = provider.url() + ":";
    Map<String, List<String>> providerKeys = new LinkedHashMap<>();
    providerKeys.put(prefix + "sub", List.of(subject));
    providerKeys.put(prefix + "aud", List.of(azp.orElse(audience)));
    if (azp.isPresent() || audiences.size() > 1) {
      providerKeys.put(prefix + "oaud", audiences);
    }
    List<String> amr = jwt.strings("amr");
    if (!amr.isEmpty()) {
      providerKeys.put(prefix + "amr", amr);
    }
    jwt.string("email").ifPresent(e -> providerKeys.put(prefix + "email", List.of(e)));
    List<SessionTag> tags = new ArrayList<>();
    List<String> transitive = new ArrayList<>();
    tags(jwt.claims().get(TAGS_CLAIM), tags, transitive);
    String sourceIdentity = jwt.string(SOURCE_IDENTITY_CLAIM).orElse("");
    FederatedAssumption assumption =
        new FederatedAssumption(
            FederatedAssumption.session(
                in.roleArn(),
                in.sessionName(),
                in.duration(),
                in.policies(),
                tags,
                transitive,
                sourceIdentity),
            provider.arn(),
            FederatedAssumption.WEB_IDENTITY_ACTION,
            providerKeys,
            FederatedCaller.webIdentity(provider.arn(), audience, subject));
    return new WebIdentity(assumption, subject, provider.arn(), audience);
  }

  /** The provider registered in the role's account whose URL is the token's issuer. */
  private OidcProvider provider(String account, String issuer) {
    String url = issuer.startsWith("https://") ? issuer.substring("https://".length()) : "";
    if (!url.isEmpty()) {
      for (OidcProvider p : providers.apply(account)) {
        if (p.url().equals(url)) {
          return p;
        }
      }
    }
    throw Jwt.invalid("No OpenIDConnect provider found in your account for " + issuer);
  }

  private static String audience(
      OidcProvider provider, List<String> audiences, Optional<String> azp) {
    for (String a : audiences) {
      if (provider.clientIds().contains(a)) {
        return a;
      }
    }
    if (azp.isPresent() && provider.clientIds().contains(azp.get())) {
      return azp.get();
    }
    throw Jwt.invalid("Incorrect token audience");
  }

  private void checkTimes(Jwt jwt) {
    Instant now = clock.instant();
    long exp =
        jwt.seconds("exp")
            .orElseThrow(() -> Jwt.invalid("The token has no expiration time (exp) claim."));
    if (!now.isBefore(Instant.ofEpochSecond(exp).plus(SKEW))) {
      throw new GatehouseException(
          ErrorCode.EXPIRED_TOKEN_EXCEPTION,
          "Token expired: current date/time "
              + now.getEpochSecond()
              + " must be before the expiration date/time "
              + exp);
    }
    Optional<Long> nbf = jwt.seconds("nbf");
    if (nbf.isPresent() && now.plus(SKEW).isBefore(Instant.ofEpochSecond(nbf.get()))) {
      throw Jwt.invalid("The token is not valid yet (nbf " + nbf.get() + ").");
    }
    Optional<Long> iat = jwt.seconds("iat");
    if (iat.isPresent() && now.plus(SKEW).isBefore(Instant.ofEpochSecond(iat.get()))) {
      throw Jwt.invalid("The token was issued in the future (iat " + iat.get() + ").");
    }
  }

  /** The session tags claim: {@code principal_tags} (key to one-value list) and transitive keys. */
  private static void tags(JsonNode claim, List<SessionTag> tags, List<String> transitive) {
    if (claim == null) {
      return;
    }
    if (!claim.isObject()) {
      throw Jwt.invalid("The token's " + TAGS_CLAIM + " claim is not an object.");
    }
    JsonNode principal = claim.path("principal_tags");
    for (Map.Entry<String, JsonNode> f : principal.properties()) {
      JsonNode v = f.getValue();
      JsonNode value = v.isArray() && v.size() == 1 ? v.get(0) : v;
      if (!value.isTextual()) {
        throw Jwt.invalid("The session tag " + f.getKey() + " must have one string value.");
      }
      tags.add(new SessionTag(f.getKey(), value.asText()));
    }
    for (JsonNode k : claim.path("transitive_tag_keys")) {
      if (!k.isTextual()) {
        throw Jwt.invalid("A transitive tag key is not a string.");
      }
      transitive.add(k.asText());
    }
  }

  /** The account of {@code arn:aws:iam::ACCOUNT:role/...} (validated by the decoder). */
  private static String accountOf(String roleArn) {
    String[] parts = roleArn.split(":", 6);
    return parts.length == 6 ? parts[4] : "";
  }
}
