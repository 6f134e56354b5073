package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlAndAuditShapeTest {
  static void sample(Shape s) {
    s.start("User")
        .field("UserName", "a&b<c>\"d\u0001")
        .field("Count", 3)
        .field("Flag", true)
        .field("CreateDate", Instant.parse("2026-01-02T03:04:05.678Z"))
        .secret("SecretAccessKey", "S3CRET")
        .startList("Tags")
        .member()
        .field("Key", "k")
        .end()
        .end()
        .startList("Names")
        .member("x")
        .end()
        .end();
  }

  @Test
  void xmlIsEscapedAndStreamedInOrder() {
    XmlWriter xml = new XmlWriter();
    xml.root("R", "urn:x&y");
    sample(xml);
    assertThat(new String(xml.finish(), StandardCharsets.UTF_8))
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<R xmlns=\"urn:x&amp;y\"><User>"
                + "<UserName>a&amp;b&lt;c&gt;\"d\uFFFD</UserName><Count>3</Count><Flag>true</Flag>"
                + "<CreateDate>2026-01-02T03:04:05Z</CreateDate>"
                + "<SecretAccessKey>S3CRET</SecretAccessKey>"
                + "<Tags><member><Key>k</Key></member></Tags>"
                + "<Names><member>x</member></Names></User></R>");
  }

  @Test
  void auditShapeIsCamelCaseJsonWithoutSecrets() {
    AuditShape audit = new AuditShape();
    sample(audit);
    assertThat(audit.result().toString())
        .isEqualTo(
            "{\"user\":{\"userName\":\"a&b<c>\\\"d\\u0001\",\"count\":3,\"flag\":true,"
                + "\"createDate\":\"2026-01-02T03:04:05Z\",\"tags\":[{\"key\":\"k\"}],"
                + "\"names\":[\"x\"]}}");
    assertThat(AuditShape.camel("ARN")).isEqualTo("arn");
    assertThat(AuditShape.camel("")).isEmpty();
  }

  @Test
  void requestParametersNestListsAndDropSecrets() {
    QueryParameters p =
        QueryParameters.parse(
            "Action=CreateLoginProfile&Version=2010-05-08&UserName=u&Password=pw"
                + "&Tags.member.2.Key=b&Tags.member.1.Key=a&Tags.member.1.Value=1"
                + "&PolicyArns.member.1=arn1&X-Amz-Signature=sig&Config.Inner=z");
    assertThat(AuditParameters.from(p).toString())
        .isEqualTo(
            "{\"userName\":\"u\",\"tags\":[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\"}],"
                + "\"policyArns\":[\"arn1\"],\"config\":{\"inner\":\"z\"}}");
  }

  /** What AuditLog writes for the parameters: the streamed form must equal the tree. */
  static String written(QueryParameters p) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new ObjectMapper().createGenerator(out)) {
      AuditParameters.write(g, p);
    }
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Action=GetUser&Version=2010-05-08&UserName=u",
        "Action=GetUser&Version=2010-05-08",
        "UserName=a%22b%5Cc%0A&Marker=m&MaxItems=10",
        "Action=ChangePassword&OldPassword=x&NewPassword=y&X-Amz-Date=d&PolicyARN=p",
        "UserName=a&userName=b", // one camelCase spelling: the tree keeps the later value
        "ARN=a&arn=b&Arn=c",
        "\u00dfName=x&Name=y",
        "Tags.member.1.Key=a&UserName=u",
        "UserName=u&Tags.member.1.Key=a&Tags.member.1.Value=1&Password=p"
      })
  void streamedRequestParametersEqualTheTree(String form) throws IOException {
    QueryParameters p = QueryParameters.parse(form);
    assertThat(written(p)).isEqualTo(AuditParameters.from(p).toString());
  }

  @Test
  void camelCaseOfNonAsciiNamesFollowsUpperCasing() {
    assertThat(AuditShape.camel("\u00df")).isEqualTo("\u00df"); // upper-cases to SS: not capitals
    assertThat(AuditShape.camel("\u00c9T\u00c9")).isEqualTo("\u00e9t\u00e9");
    assertThat(AuditShape.camel("A\u00e9")).isEqualTo("a\u00e9");
    assertThat(AuditShape.camel("userName")).isEqualTo("userName");
  }
}
