package dev.gatehouse.core.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.sts.SessionTag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The attributes AWS reads from an assertion and the trust policy's saml: keys. */
class SamlAttributesTest {
  static final String ROLE = "arn:aws:iam::123456789012:role/Federated";
  static final String PROVIDER = "arn:aws:iam::123456789012:saml-provider/Corp";

  private static SamlAssertion with(Map<String, List<String>> attributes) {
    return new SamlAssertion(
        "https://idp.example.com/metadata",
        "alice",
        "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
        "https://signin.aws.amazon.com/saml",
        Instant.parse("2030-01-01T00:00:00Z"),
        Optional.empty(),
        attributes);
  }

  private static SamlAssertion with(String name, String... values) {
    return with(Map.of(name, List.of(values)));
  }

  @Test
  void rolePairsComeInEitherOrderAndMalformedValuesNameNone() {
    SamlAssertion a =
        with(
            SamlAttributes.ROLE,
            ROLE + "," + PROVIDER,
            PROVIDER + " , arn:aws:iam::123456789012:role/Other",
            "garbage",
            ROLE + "," + ROLE,
            "a,b,c");
    assertThat(SamlAttributes.rolePairs(a))
        .containsExactly(
            new SamlAttributes.RolePair(ROLE, PROVIDER),
            new SamlAttributes.RolePair("arn:aws:iam::123456789012:role/Other", PROVIDER));
    assertThat(SamlAttributes.grants(a, ROLE, PROVIDER)).isTrue();
    assertThat(SamlAttributes.grants(a, ROLE, PROVIDER + "2")).isFalse();
  }

  @Test
  void roleSessionNameIsRequiredAndChecked() {
    assertThat(SamlAttributes.roleSessionName(with(SamlAttributes.ROLE_SESSION_NAME, "a@b.c")))
        .isEqualTo("a@b.c");
    for (SamlAssertion bad :
        List.of(
            with(Map.of()),
            with(SamlAttributes.ROLE_SESSION_NAME, "x"),
            with(SamlAttributes.ROLE_SESSION_NAME, "John Doe"),
            with(SamlAttributes.ROLE_SESSION_NAME, "a1", "b2"))) {
      assertThatThrownBy(() -> SamlAttributes.roleSessionName(bad))
          .hasMessageContaining("RoleSessionName");
    }
  }

  @Test
  void sessionDurationSourceIdentityAndTagsAreReadAndChecked() {
    assertThat(SamlAttributes.sessionDuration(with(SamlAttributes.SESSION_DURATION, "1800")))
        .contains(1800);
    assertThat(SamlAttributes.sessionDuration(with(Map.of()))).isEmpty();
    for (String bad : List.of("899", "43201", "soon")) {
      assertThatThrownBy(
              () -> SamlAttributes.sessionDuration(with(SamlAttributes.SESSION_DURATION, bad)))
          .hasMessageContaining("SessionDuration");
    }
    assertThat(SamlAttributes.sourceIdentity(with(SamlAttributes.SOURCE_IDENTITY, "alice")))
        .contains("alice");
    assertThat(SamlAttributes.sourceIdentity(with(Map.of()))).isEmpty();
    assertThatThrownBy(
            () -> SamlAttributes.sourceIdentity(with(SamlAttributes.SOURCE_IDENTITY, "a b")))
        .hasMessageContaining("SourceIdentity");
    Map<String, List<String>> tags = new LinkedHashMap<>();
    tags.put(SamlAttributes.PRINCIPAL_TAG + "Project", List.of("Marketing"));
    tags.put(SamlAttributes.PRINCIPAL_TAG + "CostCenter", List.of("12345"));
    tags.put(SamlAttributes.TRANSITIVE_TAG_KEYS, List.of("Project"));
    SamlAssertion tagged = with(tags);
    assertThat(SamlAttributes.principalTags(tagged))
        .containsExactly(
            new SessionTag("Project", "Marketing"), new SessionTag("CostCenter", "12345"));
    assertThat(SamlAttributes.transitiveTagKeys(tagged)).containsExactly("Project");
    assertThatThrownBy(
            () ->
                SamlAttributes.principalTags(with(SamlAttributes.PRINCIPAL_TAG + "Two", "a", "b")))
        .hasMessageContaining("exactly one value");
  }

  @Test
  void conditionKeysFollowAwsMapping() {
    Map<String, List<String>> attrs = new LinkedHashMap<>();
    attrs.put("urn:oid:1.3.6.1.4.1.5923.1.1.1.6", List.of("alice@example.edu"));
    attrs.put("urn:oid:1.3.6.1.4.1.5923.1.1.1.1", List.of("staff", "member"));
    attrs.put("urn:oid:1.3.6.1.4.1.5923.1.2.1.4", List.of("Example University"));
    attrs.put("urn:oid:2.5.4.3", List.of("Alice"));
    attrs.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", List.of("a@x"));
    attrs.put("urn:oid:0.9.2342.19200300.100.1.1", List.of("alice"));
    attrs.put("unmapped", List.of("x"));
    Map<String, List<String>> keys =
        SamlAttributes.conditionKeys(with(attrs), "123456789012", "Corp");
    assertThat(keys)
        .containsEntry("saml:aud", List.of("https://signin.aws.amazon.com/saml"))
        .containsEntry("saml:iss", List.of("https://idp.example.com/metadata"))
        .containsEntry("saml:sub", List.of("alice"))
        .containsEntry("saml:sub_type", List.of("transient"))
        .containsEntry("saml:doc", List.of("123456789012/Corp"))
        .containsEntry("saml:edupersonprincipalname", List.of("alice@example.edu"))
        .containsEntry("saml:edupersonaffiliation", List.of("staff", "member"))
        .containsEntry("saml:eduorglegalname", List.of("Example University"))
        .containsEntry("saml:cn", List.of("Alice"))
        .containsEntry("saml:mail", List.of("a@x"))
        .containsEntry("saml:uid", List.of("alice"))
        .containsKey("saml:namequalifier")
        .hasSize(12);
    // spec: BASE64(SHA1("https://example.com/saml" + "123456789012" + "/MySAMLIdP"))
    assertThat(
            SamlAttributes.nameQualifier("https://example.com/saml", "123456789012", "MySAMLIdP"))
        .isEqualTo("1uAJanUnBc2XeUkHURMht+xam2c=");
  }
}
