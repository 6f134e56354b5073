package dev.gatehouse.core.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON Web Key Set (RFC 7517) reduced to the public signing keys it holds, by key id: RSA keys
 * ({@code n}, {@code e}) and EC keys on P-256, P-384, P-521 ({@code crv}, {@code x}, {@code y}).
 * Keys for encryption ({@code "use": "enc"}) and keys of other types are left out; a key that does
 * not decode is left out too, so one bad entry does not hide the others.
 */
public final class Jwks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, PublicKey> byId;

  private Jwks(Map<String, PublicKey> byId) {
    this.byId = Map.copyOf(byId);
  }

  /**
   * @throws IOException when the document is not a key set
   */
  public static Jwks parse(String json) throws IOException {
    JsonNode root = JSON.readTree(json);
    if (root == null || !root.isObject() || !root.path("keys").isArray()) {
      throw new IOException("not a JSON Web Key Set: no keys array");
    }
    Map<String, PublicKey> keys = new HashMap<>();
    for (JsonNode k : root.get("keys")) {
      if (!k.isObject() || k.path("use").asText("sig").equals("enc")) {
        continue;
      }
      Optional<PublicKey> key = key(k);
      if (key.isPresent()) {
        String kid = k.path("kid").asText("");
        // A key without kid answers tokens without kid; the first such key wins.
        keys.putIfAbsent(kid, key.get());
      }
    }
    return new Jwks(keys);
  }

  /** The key a token's {@code kid} names; a token without kid takes the set's only key. */
  public Optional<PublicKey> key(String kid) {
    if (kid.isEmpty() && !byId.containsKey("") && byId.size() == 1) {
      return byId.values().stream().findFirst();
    }
    return Optional.ofNullable(byId.get(kid));
  }

  /** How many keys the set holds. */
  public int size() {
    return byId.size();
  }

  private static Optional<PublicKey> key(JsonNode k) {
    try {
      String kty = k.path("kty").asText("");
      if (kty.equals("RSA")) {
        return Optional.of(
            KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(number(k, "n"), number(k, "e"))));
      }
      if (kty.equals("EC")) {
        String curve =
            switch (k.path("crv").asText("")) {
              case "P-256" -> "secp256r1";
              case "P-384" -> "secp384r1";
              case "P-521" -> "secp521r1";
              default -> "";
            };
        if (curve.isEmpty()) {
          return Optional.empty();
        }
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec(curve));
        ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
        return Optional.of(
            KeyFactory.getInstance("EC")
                .generatePublic(
                    new ECPublicKeySpec(new ECPoint(number(k, "x"), number(k, "y")), spec)));
      }
      return Optional.empty();
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static BigInteger number(JsonNode k, String member) {
    String text = k.path(member).asText("");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("missing " + member);
    }
    return new BigInteger(1, Base64.getUrlDecoder().decode(text));
  }
}
