package dev.gatehouse.core.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.MemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@code org/organizations-input-cases.json}: every input rule of the Organizations actions,
 * refused with AWS's code and Reason (the server's end-to-end test sends the same cases over the
 * wire).
 */
class OrganizationsInputCasesTest {
  private final Organizations organizations =
      new Organizations(
          new MemoryStore(), Clock.systemUTC(), new SecureRandom(), IamChangeListener.none());

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/org/organizations-input-cases.json")) {
      root = new ObjectMapper().readTree(in);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c)));
    }
    assertThat(tests).hasSizeGreaterThan(20);
    return tests.stream();
  }

  private void run(JsonNode c) {
    JsonNode in = c.get("input");
    Runnable call =
        switch (c.get("action").asText()) {
          case "CreateAccount" ->
              () ->
                  organizations.createAccount(
                      "111111111111",
                      new CreateAccountRequest(
                          in.path("Email").asText(),
                          in.path("AccountName").asText(),
                          in.path("RoleName").asText(),
                          in.path("IamUserAccessToBilling").asText(),
                          tags(in.path("Tags"))));
          case "CreateOrganization" ->
              () ->
                  organizations.createOrganization("111111111111", in.path("FeatureSet").asText());
          case "DescribeAccount" ->
              () -> organizations.describeAccount("111111111111", in.path("AccountId").asText());
          case "DescribeCreateAccountStatus" ->
              () ->
                  organizations.describeCreateAccountStatus(
                      "111111111111", in.path("CreateAccountRequestId").asText());
          case "ListAccounts" ->
              () ->
                  organizations.listAccounts(
                      "111111111111",
                      in.path("NextToken").asText(),
                      in.path("MaxResults").asInt(Organizations.DEFAULT_PAGE_SIZE));
          case "ListRoots" ->
              () ->
                  organizations.listRoots(
                      "111111111111",
                      in.path("NextToken").asText(),
                      in.path("MaxResults").asInt(Organizations.DEFAULT_PAGE_SIZE));
          case "ListParents" ->
              () ->
                  organizations.listParents(
                      "111111111111",
                      in.path("ChildId").asText(),
                      in.path("NextToken").asText(),
                      in.path("MaxResults").asInt(Organizations.DEFAULT_PAGE_SIZE));
          case "ListAWSServiceAccessForOrganization" ->
              () ->
                  organizations.listAwsServiceAccess(
                      "111111111111",
                      in.path("NextToken").asText(),
                      in.path("MaxResults").asInt(Organizations.DEFAULT_PAGE_SIZE));
          case "ListTagsForResource" ->
              () ->
                  organizations.listTagsForResource(
                      "111111111111",
                      in.path("ResourceId").asText(),
                      in.path("NextToken").asText());
          case "TagResource" ->
              () ->
                  organizations.tagResource(
                      "111111111111", in.path("ResourceId").asText(), tags(in.path("Tags")));
          case "UntagResource" ->
              () ->
                  organizations.untagResource(
                      "111111111111", in.path("ResourceId").asText(), keys(in.path("TagKeys")));
          default -> throw new IllegalArgumentException(c.get("action").asText());
        };
    assertThatThrownBy(call::run)
        .isInstanceOf(OrganizationsException.class)
        .hasMessage(c.get("message").asText())
        .satisfies(
            e -> {
              OrganizationsException o = (OrganizationsException) e;
              assertThat(o.code().awsCode()).isEqualTo(c.get("code").asText());
              assertThat(o.reason()).contains(c.get("reason").asText());
            });
  }

  static List<String> keys(JsonNode keys) {
    List<String> out = new ArrayList<>();
    for (JsonNode k : keys) {
      out.add(k.asText());
    }
    return out;
  }

  static List<Tag> tags(JsonNode tags) {
    List<Tag> out = new ArrayList<>();
    for (JsonNode t : tags) {
      out.add(new Tag(t.path("Key").asText(), t.path("Value").asText()));
    }
    return out;
  }
}
