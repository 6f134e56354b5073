package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.Tag;
import software.amazon.awssdk.services.organizations.model.TargetNotFoundException;

/**
 * The tags of an organization's accounts through the AWS SDK for Java v2: listed as CreateAccount
 * stored them, added, overwritten and removed, and every refusal with AWS's error code.
 */
class OrganizationsTagsSdkTest extends OrganizationsFixture {

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static List<Tag> tags(OrganizationsClient orgs, String id) {
    return orgs.listTagsForResource(r -> r.resourceId(id)).tags();
  }

  @Test
  void anAccountsTagsAreListedAddedAndRemoved() {
    try (OrganizationsClient orgs = orgs(root)) {
      String tagged =
          orgs.createAccount(
                  r ->
                      r.email("tagged@example.com")
                          .accountName("Tagged")
                          .tags(tag("team", "core"), tag("cost", "42")))
              .createAccountStatus()
              .accountId();
      assertThat(tags(orgs, tagged)).containsExactly(tag("cost", "42"), tag("team", "core"));
      assertThat(orgs.listTagsForResource(r -> r.resourceId(tagged)).nextToken()).isNull();

      orgs.tagResource(r -> r.resourceId(tagged).tags(tag("team", "edge"), tag("owner", "")));
      assertThat(tags(orgs, tagged))
          .containsExactly(tag("cost", "42"), tag("owner", ""), tag("team", "edge"));

      orgs.untagResource(r -> r.resourceId(tagged).tagKeys("cost", "owner", "never-set"));
      assertThat(tags(orgs, tagged)).containsExactly(tag("team", "edge"));
      assertThat(tags(orgs, member)).isEmpty();
    }
  }

  @Test
  void refusalsCarryAwsErrorCodes() {
    try (OrganizationsClient orgs = orgs(root)) {
      TargetNotFoundException unknown =
          (TargetNotFoundException)
              error(() -> orgs.listTagsForResource(r -> r.resourceId("999999999999")));
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(unknown.awsErrorDetails().errorMessage())
          .isEqualTo(
              "We can't find a root, OU, account, or policy with the TargetId that you specified.");
      assertThat(error(() -> orgs.untagResource(r -> r.resourceId("r-ab12").tagKeys("a"))))
          .isInstanceOf(TargetNotFoundException.class);
      assertThat(error(() -> orgs.tagResource(r -> r.resourceId(member).tags(tag("aws:x", "y")))))
          .isInstanceOf(InvalidInputException.class);
      List<Tag> many = new java.util.ArrayList<>();
      for (int i = 0; i < 51; i++) {
        many.add(tag("k" + i, "v"));
      }
      assertThat(error(() -> orgs.tagResource(r -> r.resourceId(member).tags(many))))
          .isInstanceOf(ConstraintViolationException.class);
      assertThat(tags(orgs, member)).isEmpty();
    }
    AwsSessionCredentials session = assume(administrator(), roleArn(member, ACCESS_ROLE));
    try (OrganizationsClient orgs = orgs(session)) {
      AccessDeniedException denied =
          (AccessDeniedException) error(() -> orgs.listTagsForResource(r -> r.resourceId(member)));
      assertThat(denied.awsErrorDetails().errorMessage())
          .isEqualTo("You don't have permissions to access this resource.");
      assertThat(error(() -> orgs.tagResource(r -> r.resourceId(member).tags(tag("a", "b")))))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(error(() -> orgs.untagResource(r -> r.resourceId(member).tagKeys("a"))))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  /**
   * spec: Service Authorization Reference for Organizations: the account resource type carries
   * aws:ResourceTag/${TagKey}, and DescribeAccount, ListParents and the tag actions act on it.
   */
  @Test
  void aDenyOnTheAccountsResourceTagProtectsTaggedAccounts() {
    String guarded;
    try (OrganizationsClient orgs = orgs(root)) {
      guarded =
          orgs.createAccount(
                  r ->
                      r.email("guarded@example.com")
                          .accountName("Guarded")
                          .tags(tag("Protected", "true")))
              .createAccountStatus()
              .accountId();
    }
    String guardedArn =
        "arn:aws:organizations::" + MANAGEMENT + ":account/" + organization.id() + "/" + guarded;
    AwsBasicCredentials operator =
        user(
            root,
            "operator",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"organizations:*\",\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":"
                + "[\"organizations:UntagResource\",\"organizations:DescribeAccount\","
                + "\"organizations:TagResource\",\"organizations:ListTagsForResource\","
                + "\"organizations:ListParents\"],\"Resource\":\"*\",\"Condition\":"
                + "{\"StringEquals\":{\"aws:ResourceTag/Protected\":\"true\"}}}]}");
    try (OrganizationsClient orgs = orgs(operator)) {
      AccessDeniedException describe =
          (AccessDeniedException) error(() -> orgs.describeAccount(r -> r.accountId(guarded)));
      assertThat(describe.statusCode()).isEqualTo(400);
      assertThat(describe.awsErrorDetails().errorMessage())
          .isEqualTo(
              "User: arn:aws:iam::"
                  + MANAGEMENT
                  + ":user/operator is not authorized to perform: organizations:DescribeAccount"
                  + " on resource: "
                  + guardedArn
                  + " with an explicit deny in an identity-based policy");
      AccessDeniedException untag =
          (AccessDeniedException)
              error(() -> orgs.untagResource(r -> r.resourceId(guarded).tagKeys("Protected")));
      assertThat(untag.awsErrorDetails().errorMessage())
          .contains("organizations:UntagResource on resource: " + guardedArn)
          .contains("explicit deny");
      assertThat(
              error(
                  () ->
                      orgs.tagResource(r -> r.resourceId(guarded).tags(tag("Protected", "false")))))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(error(() -> orgs.listTagsForResource(r -> r.resourceId(guarded))))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(error(() -> orgs.listParents(r -> r.childId(guarded))))
          .isInstanceOf(AccessDeniedException.class);

      // An account without the tag is not protected.
      assertThat(orgs.describeAccount(r -> r.accountId(member)).account().id()).isEqualTo(member);
      orgs.tagResource(r -> r.resourceId(member).tags(tag("scratch", "1")));
      orgs.untagResource(r -> r.resourceId(member).tagKeys("scratch"));
      assertThat(orgs.listParents(r -> r.childId(member)).parents()).hasSize(1);
    }
    try (OrganizationsClient orgs = orgs(root)) {
      assertThat(tags(orgs, guarded)).containsExactly(tag("Protected", "true"));
      // Once the tag is gone, the same user may act on the account.
      orgs.untagResource(r -> r.resourceId(guarded).tagKeys("Protected"));
    }
    try (OrganizationsClient orgs = orgs(operator)) {
      assertThat(orgs.describeAccount(r -> r.accountId(guarded)).account().id()).isEqualTo(guarded);
    }
  }

  @Test
  void tagActionsAreAuthorizedOnTheAccountArnWithTheRequestsTagKeys() {
    String memberArn =
        "arn:aws:organizations::" + MANAGEMENT + ":account/" + organization.id() + "/" + member;
    AwsBasicCredentials tagger =
        user(
            root,
            "tagger",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "[\"organizations:ListTagsForResource\",\"organizations:TagResource\","
                + "\"organizations:UntagResource\"],\"Resource\":\""
                + memberArn
                + "\",\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\"]}}}]}");
    try (OrganizationsClient orgs = orgs(tagger)) {
      orgs.tagResource(r -> r.resourceId(member).tags(tag("team", "ops")));
      assertThat(tags(orgs, member)).containsExactly(tag("team", "ops"));
      AccessDeniedException otherKey =
          (AccessDeniedException)
              error(() -> orgs.tagResource(r -> r.resourceId(member).tags(tag("cost", "1"))));
      assertThat(otherKey.awsErrorDetails().errorMessage())
          .contains("organizations:TagResource on resource: " + memberArn);
      assertThat(error(() -> orgs.untagResource(r -> r.resourceId(member).tagKeys("cost"))))
          .isInstanceOf(AccessDeniedException.class);
      AccessDeniedException otherAccount =
          (AccessDeniedException)
              error(() -> orgs.listTagsForResource(r -> r.resourceId(MANAGEMENT)));
      assertThat(otherAccount.awsErrorDetails().errorMessage())
          .contains(
              "organizations:ListTagsForResource on resource: arn:aws:organizations::"
                  + MANAGEMENT
                  + ":account/"
                  + organization.id()
                  + "/"
                  + MANAGEMENT);
      orgs.untagResource(r -> r.resourceId(member).tagKeys("team"));
      assertThat(tags(orgs, member)).isEmpty();
    }
  }
}
