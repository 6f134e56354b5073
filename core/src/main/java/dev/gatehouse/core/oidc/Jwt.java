package dev.gatehouse.core.oidc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON Web Token in JWS compact serialization (RFC 7515, RFC 7519): header, claims and signature,
 * parsed but not yet verified: the header's {@code alg} and {@code kid} (empty when absent), the
 * claims, the signing input ({@code BASE64URL(header) "." BASE64URL(payload)}) and the decoded
 * signature. Anything malformed is AWS's InvalidIdentityToken.
 */
public final class Jwt {
  /** AWS's bound on WebIdentityToken (STS API Reference: 4 to 20000 characters). */
  public static final int MAX_LENGTH = 20_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String algorithm;
  private final String keyId;
  private final JsonNode claims;
  private final byte[] signingInput;
  private final byte[] signature;

  private Jwt(
      String algorithm, String keyId, JsonNode claims, byte[] signingInput, byte[] signature) {
    this.algorithm = Objects.requireNonNull(algorithm);
    this.keyId = Objects.requireNonNull(keyId);
    this.claims = Objects.requireNonNull(claims);
    this.signingInput = signingInput.clone();
    this.signature = signature.clone();
  }

  public String algorithm() {
    return algorithm;
  }

  public String keyId() {
    return keyId;
  }

  /** The payload, a JSON object. */
  public JsonNode claims() {
    return claims;
  }

  public byte[] signingInput() {
    return signingInput.clone();
  }

  public byte[] signature() {
    return signature.clone();
  }

  /**
   * Parses a compact JWS.
   *
   * @throws GatehouseException InvalidIdentityToken for anything that is not one
   */
  public static Jwt parse(String token) {
    if (token.length() > MAX_LENGTH) {
      throw invalid("The token is longer than " + MAX_LENGTH + " characters.");
    }
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
      throw invalid("The token is not a JSON Web Token: it must have three dot-separated parts.");
    }
    JsonNode header = object(decode(token.substring(0, first), "header"), "header");
    JsonNode claims = object(decode(token.substring(first + 1, second), "payload"), "payload");
    byte[] signature = decode(token.substring(second + 1), "signature");
    JsonNode alg = header.get("alg");
    if (alg == null || !alg.isTextual()) {
      throw invalid("The token's header has no algorithm (alg).");
    }
    JsonNode kid = header.get("kid");
    if (kid != null && !kid.isTextual()) {
      throw invalid("The token's key id (kid) is not a string.");
    }
    if (header.has("crit")) {
      throw invalid(
          "The token's header names critical extensions (crit), which are not supported.");
    }
    return new Jwt(
        alg.asText(),
        kid == null ? "" : kid.asText(),
        claims,
        token.substring(0, second).getBytes(StandardCharsets.US_ASCII),
        signature);
  }

  /** A string claim, when present and a string. */
  public Optional<String> string(String name) {
    JsonNode n = claims.get(name);
    return n != null && n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
  }

  /**
   * A claim that is a string or an array of strings ({@code aud}, {@code amr}), as a list; empty
   * when absent.
   *
   * @throws GatehouseException InvalidIdentityToken when it is something else
   */
  public List<String> strings(String name) {
    JsonNode n = claims.get(name);
    if (n == null) {
      return List.of();
    }
    if (n.isTextual()) {
      return List.of(n.asText());
    }
    if (!n.isArray()) {
      throw invalid("The token's " + name + " claim is neither a string nor an array of strings.");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw invalid("The token's " + name + " claim holds a value that is not a string.");
      }
      out.add(e.asText());
    }
    return out;
  }

  /**
   * A NumericDate claim ({@code exp}, {@code nbf}, {@code iat}) in whole seconds; empty when
   * absent.
   *
   * @throws GatehouseException InvalidIdentityToken when it is not a number
   */
  public Optional<Long> seconds(String name) {
    JsonNode n = claims.get(name);
    if (n == null) {
      return Optional.empty();
    }
    if (!n.isNumber()) {
      throw invalid("The token's " + name + " claim is not a number.");
    }
    double value = n.asDouble();
    if (Double.isNaN(value) || value < 0 || value > 253_402_300_799d) {
      throw invalid("The token's " + name + " claim is out of range.");
    }
    return Optional.of((long) Math.floor(value));
  }

  private static byte[] decode(String part, String what) {
    if (part.isEmpty() && !what.equals("signature")) {
      throw invalid("The token's " + what + " is empty.");
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        throw invalid("The token's " + what + " is not base64url without padding.");
      }
    }
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw invalid("The token's " + what + " is not base64url without padding.");
    }
  }

  private static JsonNode object(byte[] json, String what) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw invalid("The token's " + what + " is not JSON.");
    } catch (java.io.IOException e) {
      throw invalid("The token's " + what + " is not JSON.");
    }
    if (node == null || !node.isObject()) {
      throw invalid("The token's " + what + " is not a JSON object.");
    }
    return node;
  }

  static GatehouseException invalid(String message) {
    return new GatehouseException(ErrorCode.INVALID_IDENTITY_TOKEN, message);
  }
}
