package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

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
}
