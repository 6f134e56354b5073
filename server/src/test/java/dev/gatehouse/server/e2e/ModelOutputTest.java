package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The checks of {@link ModelOutput} and {@link ModelInput} refusing what does not fit the model, so
 * that {@link ServiceModelShapesTest} passing means something.
 */
class ModelOutputTest {
  static final ServiceModel IAM = ServiceModel.load("iam", "2010-05-08");
  static final ServiceModel ORGS = ServiceModel.load("organizations", "2016-11-28");
  static final ModelOutput.Rules NONE = new ModelOutput.Rules(Set.of(), Set.of(), Set.of());
  static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";
  static final String METADATA =
      "<ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>"
          + "</ResponseMetadata>";
  static final String USER =
      "<Path>/</Path><UserName>Bob</UserName><UserId>AIDAJQABLZS4A3QDU576Q</UserId>"
          + "<Arn>arn:aws:iam::123456789012:user/Bob</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate>";

  static String response(String operation, String inside) {
    return "<"
        + operation
        + "Response xmlns=\""
        + NS
        + "\">"
        + inside
        + "</"
        + operation
        + "Response>";
  }

  static List<String> query(String operation, String inside, ModelOutput.Rules rules) {
    return ModelOutput.query(IAM, operation, response(operation, inside), rules).violations();
  }

  static List<String> query(String operation, String inside) {
    return query(operation, inside, NONE);
  }

  @Test
  void anAwsShapedResponsePasses() {
    assertThat(
            query("GetUser", "<GetUserResult><User>" + USER + "</User></GetUserResult>" + METADATA))
        .isEmpty();
    assertThat(query("UpdateRole", "<UpdateRoleResult/>" + METADATA)).isEmpty();
    assertThat(query("DeleteRole", METADATA)).isEmpty();
  }

  @Test
  void theResultWrapperIsThereExactlyWhenTheModelDeclaresOne() {
    assertThat(query("UpdateRole", METADATA))
        .singleElement()
        .asString()
        .contains("UpdateRoleResult");
    assertThat(query("DeleteRole", "<DeleteRoleResult/>" + METADATA))
        .singleElement()
        .asString()
        .contains("DeleteRoleResult");
    assertThat(query("GetUser", "<GetUserResult><User>" + USER + "</User></GetUserResult>"))
        .singleElement()
        .asString()
        .contains("ResponseMetadata");
  }

  @Test
  void theEnvelopeNamesTheOperationInTheServiceNamespace() {
    String wrongNamespace =
        "<DeleteRoleResponse xmlns=\"urn:other\">" + METADATA + "</DeleteRoleResponse>";
    assertThat(ModelOutput.query(IAM, "DeleteRole", wrongNamespace, NONE).violations())
        .singleElement()
        .asString()
        .contains("namespace");
    assertThat(
            ModelOutput.query(IAM, "DeleteUser", response("DeleteRole", METADATA), NONE)
                .violations())
        .singleElement()
        .asString()
        .contains("DeleteUserResponse");
    assertThat(ModelOutput.query(IAM, "DeleteRole", "not xml", NONE).violations())
        .singleElement()
        .asString()
        .startsWith("not XML");
  }

  @Test
  void membersTheShapeDoesNotDeclareAreRefused() {
    assertThat(
            query(
                "GetUser",
                "<GetUserResult><User>"
                    + USER
                    + "<Email>b@example.com</Email></User></GetUserResult>"
                    + METADATA))
        .containsExactly("/GetUserResult/User/Email: User declares no member Email");
  }

  @Test
  void membersAddedSinceTheModelAreAllowedWhenListed() {
    String inside =
        "<GetUserResult><User>"
            + USER
            + "<Email>b@example.com</Email></User></GetUserResult>"
            + METADATA;
    assertThat(
            query(
                "GetUser", inside, new ModelOutput.Rules(Set.of("User.Email"), Set.of(), Set.of())))
        .isEmpty();
  }

  @Test
  void membersTheOperationDoesNotReturnAreRefused() {
    String inside =
        "<ListUsersResult><Users><member>"
            + USER
            + "<Tags><member><Key>k</Key><Value>v</Value></member></Tags>"
            + "</member></Users><IsTruncated>false</IsTruncated></ListUsersResult>"
            + METADATA;
    assertThat(query("ListUsers", inside)).isEmpty();
    assertThat(
            query(
                "ListUsers",
                inside,
                new ModelOutput.Rules(Set.of(), Set.of(), Set.of("User.Tags"))))
        .containsExactly(
            "/ListUsersResult/Users/member[1]/Tags: AWS does not return User.Tags here");
  }

  @Test
  void requiredMembersMustBeThereUnlessMadeOptional() {
    String inside =
        "<GetUserResult><User><Path>/</Path><UserName>Bob</UserName></User></GetUserResult>"
            + METADATA;
    assertThat(query("GetUser", inside))
        .containsExactly(
            "/GetUserResult/User: User requires UserId",
            "/GetUserResult/User: User requires Arn",
            "/GetUserResult/User: User requires CreateDate");
    String lastUsed =
        "<GetAccessKeyLastUsedResult><AccessKeyLastUsed><ServiceName>N/A</ServiceName>"
            + "<Region>N/A</Region></AccessKeyLastUsed></GetAccessKeyLastUsedResult>"
            + METADATA;
    assertThat(query("GetAccessKeyLastUsed", lastUsed)).hasSize(1);
    assertThat(
            query(
                "GetAccessKeyLastUsed",
                lastUsed,
                new ModelOutput.Rules(
                    Set.of(), Set.of("AccessKeyLastUsed.LastUsedDate"), Set.of())))
        .isEmpty();
  }

  @Test
  void listEntriesAreMemberElementsAndMembersAppearOnce() {
    assertThat(
            query(
                "ListUsers",
                "<ListUsersResult><Users><User>"
                    + USER
                    + "</User></Users>"
                    + "<IsTruncated>false</IsTruncated></ListUsersResult>"
                    + METADATA))
        .containsExactly("/ListUsersResult/Users/User[1]: entries of userListType are <member>");
    assertThat(
            query(
                "ListUsers",
                "<ListUsersResult><Users/><IsTruncated>false</IsTruncated>"
                    + "<IsTruncated>false</IsTruncated></ListUsersResult>"
                    + METADATA))
        .containsExactly("/ListUsersResult/IsTruncated: written more than once");
  }

  @Test
  void mapsAreEntriesOfKeyAndValue() {
    assertThat(
            query(
                "GetAccountSummary",
                "<GetAccountSummaryResult><SummaryMap><entry><key>Users</key><value>1</value></entry>"
                    + "</SummaryMap></GetAccountSummaryResult>"
                    + METADATA))
        .isEmpty();
    assertThat(
            query(
                "GetAccountSummary",
                "<GetAccountSummaryResult><SummaryMap><Users>1</Users></SummaryMap>"
                    + "</GetAccountSummaryResult>"
                    + METADATA))
        .singleElement()
        .asString()
        .contains("<entry>");
    assertThat(
            query(
                "GetAccountSummary",
                "<GetAccountSummaryResult><SummaryMap><entry><value>1</value><key>Users</key></entry>"
                    + "</SummaryMap></GetAccountSummaryResult>"
                    + METADATA))
        .singleElement()
        .asString()
        .contains("not [key, value]");
  }

  @Test
  void scalarsHaveTheirTypes() {
    assertThat(
            query(
                "ListUsers",
                "<ListUsersResult><Users/><IsTruncated>no</IsTruncated></ListUsersResult>"
                    + METADATA))
        .containsExactly("/ListUsersResult/IsTruncated: booleanType not a boolean: no");
    assertThat(
            query(
                "GetUser",
                "<GetUserResult><User>"
                    + USER.replace("2026-01-01T00:00:00Z", "yesterday")
                    + "</User></GetUserResult>"
                    + METADATA))
        .containsExactly(
            "/GetUserResult/User/CreateDate: dateType not an ISO-8601 timestamp: yesterday");
    assertThat(
            query(
                "GetUser",
                "<GetUserResult><User>"
                    + USER
                    + "<PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType>"
                    + "</PermissionsBoundary></User></GetUserResult>"
                    + METADATA))
        .singleElement()
        .asString()
        .contains("is not one of [\"PermissionsBoundaryPolicy\"]");
    assertThat(
            query(
                "GetUser",
                "<GetUserResult><User>"
                    + USER.replace("AIDAJQABLZS4A3QDU576Q", "AID")
                    + "</User></GetUserResult>"
                    + METADATA))
        .singleElement()
        .asString()
        .contains("shorter than 16");
    assertThat(
            query(
                "GetUser",
                "<GetUserResult><User>"
                    + USER.replace("<Path>/</Path>", "<Path><x/></Path>")
                    + "</User></GetUserResult>"
                    + METADATA))
        .first()
        .asString()
        .contains("has children");
  }

  @Test
  void jsonResponsesFollowTheModelToo() throws Exception {
    String account =
        "{\"Account\":{\"Id\":\"123456789012\",\"Status\":\"ACTIVE\",\"JoinedTimestamp\":1.7E9}}";
    assertThat(ModelOutput.json(ORGS, "DescribeAccount", account, NONE).violations()).isEmpty();
    assertThat(
            ModelOutput.json(
                    ORGS,
                    "DescribeAccount",
                    "{\"Account\":{\"Id\":\"123456789012\",\"Color\":\"red\"}}",
                    NONE)
                .violations())
        .containsExactly("/Account/Color: Account declares no such member");
    assertThat(
            ModelOutput.json(
                    ORGS, "DescribeAccount", "{\"Account\":{\"JoinedTimestamp\":\"2026\"}}", NONE)
                .violations())
        .singleElement()
        .asString()
        .contains("epoch seconds");
    assertThat(
            ModelOutput.json(ORGS, "DescribeAccount", "{\"Account\":{\"Email\":null}}", NONE)
                .violations())
        .singleElement()
        .asString()
        .contains("null");
    assertThat(ModelOutput.json(ORGS, "TagResource", "{}", NONE).violations()).isEmpty();
    assertThat(ModelOutput.json(ORGS, "TagResource", "{\"Tags\":[]}", NONE).violations())
        .singleElement()
        .asString()
        .contains("declares no output");
  }

  @Test
  void fixtureInputMustFitTheInputShape() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode ok =
        json.readTree("{\"UserName\":\"Bob\",\"Tags\":[{\"Key\":\"team\",\"Value\":\"x\"}]}");
    assertThat(ModelInput.query(IAM, "CreateUser", ok))
        .isEqualTo(
            Map.of(
                "UserName", "Bob",
                "Tags.member.1.Key", "team",
                "Tags.member.1.Value", "x"));
    assertThatThrownBy(
            () ->
                ModelInput.query(
                    IAM, "CreateUser", json.readTree("{\"UserName\":\"Bob\",\"Colour\":\"red\"}")))
        .hasMessageContaining("has no member Colour");
    assertThatThrownBy(() -> ModelInput.query(IAM, "CreateUser", json.readTree("{}")))
        .hasMessageContaining("required member UserName missing");
    assertThatThrownBy(
            () -> ModelInput.json(ORGS, "DescribeAccount", json.readTree("{\"Id\":\"1\"}")))
        .hasMessageContaining("has no member Id");
  }
}
