package dev.gatehouse.core.saml;

import dev.gatehouse.core.sts.SessionTag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What AWS reads from a verified assertion's attributes (spec: IAM User Guide, "Configure SAML
 * assertions for the authentication response"): the Role pairs, RoleSessionName, SessionDuration,
 * PrincipalTag:*, TransitiveTagKeys and SourceIdentity; and the {@code saml:} condition keys of the
 * trust policy ("Mapping SAML attributes to AWS trust policy context keys"). Attribute names are
 * compared exactly (spec: "The value of the Name attribute ... is case-sensitive").
 */
public final class SamlAttributes {
  private SamlAttributes() {}

  public static final String PREFIX = "https://aws.amazon.com/SAML/Attributes/";
  public static final String ROLE = PREFIX + "Role";
  public static final String ROLE_SESSION_NAME = PREFIX + "RoleSessionName";
  public static final String SESSION_DURATION = PREFIX + "SessionDuration";
  public static final String PRINCIPAL_TAG = PREFIX + "PrincipalTag:";
  public static final String TRANSITIVE_TAG_KEYS = PREFIX + "TransitiveTagKeys";
  public static final String SOURCE_IDENTITY = PREFIX + "SourceIdentity";

  /** spec: RoleSessionName and SourceIdentity: 2-64 characters of {@code [\w+=,.@-]}. */
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

  /** One role-provider pair of the Role attribute. */
  public record RolePair(String roleArn, String providerArn) {}

  /**
   * The Role attribute's pairs: each value is two comma-separated ARNs, a role and a SAML provider,
   * in either order; values of any other form name no pair.
   */
  public static List<RolePair> rolePairs(SamlAssertion a) {
    List<RolePair> out = new ArrayList<>();
    for (String v : a.values(ROLE)) {
      String[] parts = v.split(",", -1);
      if (parts.length != 2) {
        continue;
      }
      String first = parts[0].trim();
      String second = parts[1].trim();
      if (isRole(first) && isProvider(second)) {
        out.add(new RolePair(first, second));
      } else if (isProvider(first) && isRole(second)) {
        out.add(new RolePair(second, first));
      }
    }
    return out;
  }

  private static boolean isRole(String arn) {
    return arn.startsWith("arn:aws:iam::") && arn.contains(":role/");
  }

  private static boolean isProvider(String arn) {
    return arn.startsWith("arn:aws:iam::") && arn.contains(":saml-provider/");
  }

  /** Whether the assertion maps its subject to {@code roleArn} through {@code providerArn}. */
  public static boolean grants(SamlAssertion a, String roleArn, String providerArn) {
    return rolePairs(a).contains(new RolePair(roleArn, providerArn));
  }

  /** The RoleSessionName: required, one value of 2-64 characters of {@code [\w+=,.@-]}. */
  public static String roleSessionName(SamlAssertion a) {
    List<String> v = a.values(ROLE_SESSION_NAME);
    if (v.size() != 1 || !NAME.matcher(v.get(0)).matches()) {
      throw SamlErrors.invalid(
          "The SAML assertion must carry one "
              + ROLE_SESSION_NAME
              + " attribute of 2 to 64 characters from [\\w+=,.@-].");
    }
    return v.get(0);
  }

  /** SessionDuration in seconds (900 to 43200), when the assertion gives one. */
  public static Optional<Integer> sessionDuration(SamlAssertion a) {
    List<String> v = a.values(SESSION_DURATION);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    int seconds;
    try {
      seconds = v.size() == 1 ? Integer.parseInt(v.get(0).trim()) : -1;
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 900 || seconds > 43_200) {
      throw SamlErrors.invalid(
          "The SAML assertion's SessionDuration must be one number of seconds from 900 to 43200.");
    }
    return Optional.of(seconds);
  }

  /** Session tags from {@code PrincipalTag:KEY} attributes, one value each, in document order. */
  public static List<SessionTag> principalTags(SamlAssertion a) {
    List<SessionTag> out = new ArrayList<>();
    a.attributes()
        .forEach(
            (name, values) -> {
              if (name.startsWith(PRINCIPAL_TAG)) {
                if (values.size() != 1) {
                  throw SamlErrors.invalid(
                      "The SAML assertion's attribute " + name + " must have exactly one value.");
                }
                out.add(new SessionTag(name.substring(PRINCIPAL_TAG.length()), values.get(0)));
              }
            });
    return out;
  }

  public static List<String> transitiveTagKeys(SamlAssertion a) {
    return a.values(TRANSITIVE_TAG_KEYS);
  }

  /** The SourceIdentity, when given: one value of 2-64 characters of {@code [\w+=,.@-]}. */
  public static Optional<String> sourceIdentity(SamlAssertion a) {
    List<String> v = a.values(SOURCE_IDENTITY);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.size() != 1 || !NAME.matcher(v.get(0)).matches()) {
      throw SamlErrors.invalid(
          "The SAML assertion's SourceIdentity must be one value of 2 to 64 characters from"
              + " [\\w+=,.@-].");
    }
    return Optional.of(v.get(0));
  }

  /**
   * spec: AssumeRoleWithSAML NameQualifier: {@code BASE64(SHA1(issuer + accountId + "/" +
   * providerName))}.
   */
  public static String nameQualifier(String issuer, String accountId, String providerName) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-1")
              .digest((issuer + accountId + "/" + providerName).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-1", e);
    }
  }

  /** Attribute names and the {@code saml:} key each maps to (spec: the mapping tables). */
  static final Map<String, String> MAPPED = mapped();

  private static Map<String, String> mapped() {
    Map<String, String> m = new LinkedHashMap<>();
    String edu = "urn:oid:1.3.6.1.4.1.5923.1.1.1.";
    String[] person = {
      "edupersonaffiliation",
      "edupersonnickname",
      "edupersonorgdn",
      "edupersonorgunitdn",
      "edupersonprimaryaffiliation",
      "edupersonprincipalname",
      "edupersonentitlement",
      "edupersonprimaryorgunitdn",
      "edupersonscopedaffiliation",
      "edupersontargetedid",
      "edupersonassurance"
    };
    for (int i = 0; i < person.length; i++) {
      m.put(edu + (i + 1), "saml:" + person[i]);
    }
    String org = "urn:oid:1.3.6.1.4.1.5923.1.2.1.";
    String[] orgs = {
      "eduorghomepageuri",
      "eduorgidentityauthnpolicyuri",
      "eduorglegalname",
      "eduorgsuperioruri",
      "eduorgwhitepagesuri"
    };
    for (int i = 0; i < orgs.length; i++) {
      m.put(org + (i + 2), "saml:" + orgs[i]);
    }
    m.put("urn:oid:2.5.4.3", "saml:cn");
    String ad = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/";
    m.put(ad + "name", "saml:name");
    m.put("http://schemas.xmlsoap.org/claims/CommonName", "saml:commonName");
    m.put(ad + "givenname", "saml:givenName");
    m.put(ad + "surname", "saml:surname");
    m.put(ad + "emailaddress", "saml:mail");
    m.put(
        "http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid",
        "saml:primaryGroupSID");
    m.put("2.5.4.3", "saml:commonName");
    for (String prefix : List.of("", "urn:oid:")) {
      m.put(prefix + "2.5.4.4", "saml:surname");
      m.put(prefix + "2.5.4.42", "saml:givenName");
      m.put(prefix + "2.5.4.45", "saml:x500UniqueIdentifier");
      m.put(prefix + "0.9.2342.19200300.100.1.1", "saml:uid");
      m.put(prefix + "0.9.2342.19200300.100.1.3", "saml:mail");
      m.put(prefix + "0.9.2342.19200300.100.1.45", "saml:organizationStatus");
    }
    return Map.copyOf(m);
  }

  /**
   * The trust policy's {@code saml:} keys: {@code saml:aud} (the Recipient, spec: "the saml:aud
   * context key comes from the SAML recipient attribute"), {@code saml:iss}, {@code saml:sub},
   * {@code saml:sub_type}, {@code saml:namequalifier}, {@code saml:doc} ({@code
   * ACCOUNT/PROVIDER-NAME}), and each mapped attribute present.
   */
  public static Map<String, List<String>> conditionKeys(
      SamlAssertion a, String accountId, String providerName) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    keys.put("saml:aud", List.of(a.recipient()));
    keys.put("saml:iss", List.of(a.issuer()));
    if (!a.subject().isEmpty()) {
      keys.put("saml:sub", List.of(a.subject()));
    }
    if (!a.subjectFormat().isEmpty()) {
      keys.put("saml:sub_type", List.of(a.subjectType()));
    }
    keys.put("saml:namequalifier", List.of(nameQualifier(a.issuer(), accountId, providerName)));
    keys.put("saml:doc", List.of(accountId + "/" + providerName));
    a.attributes()
        .forEach(
            (name, values) -> {
              String key = MAPPED.get(name);
              if (key != null && !values.isEmpty()) {
                keys.putIfAbsent(key, values);
              }
            });
    return keys;
  }
}
