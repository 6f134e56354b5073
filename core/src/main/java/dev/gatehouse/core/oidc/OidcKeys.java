package dev.gatehouse.core.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signing keys of OpenID Connect issuers: the discovery document ({@code
 * ISSUER/.well-known/openid-configuration}) names the JWKS, both fetched over HTTPS and cached per
 * issuer. A token whose {@code kid} the cached set lacks makes one refetch (the issuer rotated its
 * keys), at most once per {@code minRefresh} per issuer, so a stream of unknown key ids cannot turn
 * Gatehouse into a load generator.
 *
 * <p>spec: OpenID Connect Discovery 1.0 section 4 (the document's {@code issuer} must equal the
 * issuer it was fetched for; {@code jwks_uri}); STS API Reference, IDPCommunicationError.
 */
public final class OidcKeys {
  static final String COMMUNICATION_ERROR =
      "Couldn't retrieve verification key from your identity provider, please reference"
          + " AssumeRoleWithWebIdentity documentation for requirements";

  private final HttpsFetcher fetcher;
  private final Clock clock;
  private final Duration ttl;
  private final Duration minRefresh;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Jwks keys, Instant fetchedAt) {}

  /** The discovery documents' reader, made by the first fetch rather than at start. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /**
   * @param ttl how long a fetched key set is used before it is fetched again
   * @param minRefresh the least time between two fetches for the same issuer on unknown key ids
   */
  public OidcKeys(HttpsFetcher fetcher, Clock clock, Duration ttl, Duration minRefresh) {
    this.fetcher = fetcher;
    this.clock = clock;
    this.ttl = ttl;
    this.minRefresh = minRefresh;
  }

  /**
   * The key {@code kid} of {@code issuer} ({@code https://HOST[:PORT]/PATH}).
   *
   * @return empty when the issuer's current key set has no such key
   * @throws GatehouseException IDPCommunicationError when the issuer's documents cannot be had
   */
  public Optional<PublicKey> key(String issuer, String kid) {
    Instant now = clock.instant();
    Cached cached = cache.get(issuer);
    if (cached == null || !now.isBefore(cached.fetchedAt().plus(ttl))) {
      cached = load(issuer, now);
    }
    Optional<PublicKey> key = cached.keys().key(kid);
    if (key.isEmpty() && !now.isBefore(cached.fetchedAt().plus(minRefresh))) {
      key = load(issuer, now).keys().key(kid);
    }
    return key;
  }

  private Cached load(String issuer, Instant now) {
    try {
      JsonNode discovery =
          Json.MAPPER.readTree(
              fetcher.get(URI.create(issuer + "/.well-known/openid-configuration")));
      if (discovery == null
          || !discovery.path("issuer").asText("").equals(issuer)
          || !discovery.path("jwks_uri").isTextual()) {
        throw new IOException("the discovery document names another issuer or no jwks_uri");
      }
      URI jwksUri = URI.create(discovery.get("jwks_uri").asText());
      if (!"https".equals(jwksUri.getScheme())) {
        throw new IOException("the jwks_uri is not https");
      }
      Cached fresh = new Cached(Jwks.parse(fetcher.get(jwksUri)), now);
      cache.put(issuer, fresh);
      return fresh;
    } catch (IOException | IllegalArgumentException e) {
      throw new GatehouseException(ErrorCode.ID_P_COMMUNICATION_ERROR, COMMUNICATION_ERROR);
    }
  }
}
