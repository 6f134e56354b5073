package dev.gatehouse.core.domain;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Generates AWS-shaped identifiers from a CSPRNG.
 *
 * <p>spec: IAM User Guide, reference_identifiers.md "Unique identifiers" and "Understanding unique
 * ID prefixes": a four-letter prefix (AIDA user, AGPA group, AROA role, ANPA managed policy, AIPA
 * instance profile, AKIA access key) and upper-case letters or digits. Entity ids are 21 characters
 * (prefix and 17, as in the guide's {@code AIDAJQABLZS4A3QDU576Q}); access key ids are 20 (prefix
 * and 16, as in {@code AKIAIOSFODNN7EXAMPLE}). Secret access keys are 40 characters of the base64
 * alphabet.
 */
public final class Ids {
  private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final char[] SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

  /** Characters after the prefix of a user, group, role, policy or instance profile id. */
  public static final int ENTITY_SUFFIX_LENGTH = 17;

  /** Characters after the prefix of an access key id (AKIA, and ASIA for temporary keys). */
  public static final int ACCESS_KEY_SUFFIX_LENGTH = 16;

  private static final int SECRET_LENGTH = 40;

  private final SecureRandom random;

  public Ids(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A generator over a fresh, self-seeded {@link SecureRandom}. */
  public static Ids secure() {
    return new Ids(new SecureRandom());
  }

  public String userId() {
    return prefixed("AIDA");
  }

  public String groupId() {
    return prefixed("AGPA");
  }

  public String roleId() {
    return prefixed("AROA");
  }

  public String policyId() {
    return prefixed("ANPA");
  }

  public String instanceProfileId() {
    return prefixed("AIPA");
  }

  /**
   * The key an OpenID Connect provider's tags are stored under. AWS shows no id for these providers
   * (their ARN names them), so the prefix is Gatehouse's own and never leaves the store.
   */
  public String oidcProviderId() {
    return prefixed("OIDC");
  }

  /** The key a SAML provider's tags are stored under; like {@link #oidcProviderId()}. */
  public String samlProviderId() {
    return prefixed("SAML");
  }

  /** An SSHPublicKeyId: {@code APKA} and 16 characters, 20 in all like AWS's. */
  public String sshPublicKeyId() {
    return "APKA" + draw(ID_ALPHABET, ACCESS_KEY_SUFFIX_LENGTH);
  }

  /** A signing CertificateId: 28 characters, as AWS's are (the model asks for 24 at least). */
  public String signingCertificateId() {
    return draw(ID_ALPHABET, 28);
  }

  public String serverCertificateId() {
    return prefixed("ASCA");
  }

  public String accessKeyId() {
    return "AKIA" + draw(ID_ALPHABET, ACCESS_KEY_SUFFIX_LENGTH);
  }

  /** A 40-character secret access key: 240 bits of entropy, above ASVS 11.5.1's 128-bit floor. */
  public String secretAccessKey() {
    return draw(SECRET_ALPHABET, SECRET_LENGTH);
  }

  /** A 12-digit account id. */
  public String accountId() {
    StringBuilder b = new StringBuilder(12);
    // A leading zero is legal on AWS but trips tools that parse the id as a number.
    b.append((char) ('1' + random.nextInt(9)));
    for (int i = 1; i < 12; i++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    return b.toString();
  }

  private String prefixed(String prefix) {
    return prefix + draw(ID_ALPHABET, ENTITY_SUFFIX_LENGTH);
  }

  private String draw(char[] alphabet, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = alphabet[random.nextInt(alphabet.length)];
    }
    return new String(out);
  }
}
