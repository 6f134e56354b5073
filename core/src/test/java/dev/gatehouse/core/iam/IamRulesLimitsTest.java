package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamRulesFixture.DOC;
import static dev.gatehouse.core.iam.IamRulesFixture.NO_ACCOUNT;
import static dev.gatehouse.core.iam.IamRulesFixture.T0;
import static dev.gatehouse.core.iam.IamRulesFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AWS's per-entity limits on IAM writes ({@link IamRules}): tags, policy versions, attachments,
 * access keys, login profiles. Each rule is shown refusing with AWS's code and text, on the memory
 * store (the store contract shows every adapter persists what they let through).
 */
class IamRulesLimitsTest {
  private final IamRulesFixture f = new IamRulesFixture();

  @Test
  void tagsAreLimitedCountingReplacedKeysOnce() {
    Role r = f.createRole("r");
    List<Tag> fifty = new ArrayList<>();
    for (int i = 0; i < Validation.MAX_TAGS; i++) {
      fifty.add(new Tag("k" + i, "v"));
    }
    f.write(tx -> IamRules.putTags(tx, r.id(), fifty));
    // Replacing an existing key (in another case) adds none.
    f.write(tx -> IamRules.putTags(tx, r.id(), List.of(new Tag("K0", "new"))));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for TagsPerResource: 50",
        () -> f.write(tx -> IamRules.putTags(tx, r.id(), List.of(new Tag("extra", "")))));
    assertThat(f.read(tx -> tx.tags().tags(r.id())).size()).isEqualTo(Validation.MAX_TAGS);
  }

  @Test
  void policyVersionsAreLimitedAndTheDefaultIsProtected() {
    ManagedPolicy p = f.createPolicy("p");
    String arn = p.arn();
    for (int i = 2; i <= 5; i++) {
      f.write(tx -> IamRules.createPolicyVersion(tx, f.account, arn, DOC, false, T0, 5));
    }
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "A managed policy can have up to 5 versions. Before you create a new version, you must"
            + " delete an existing version.",
        () -> f.write(tx -> IamRules.createPolicyVersion(tx, f.account, arn, DOC, true, T0, 5)));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete the default version of a policy.",
        () -> f.write(tx -> IamRules.deletePolicyVersion(tx, f.account, arn, "v1")));
    f.write(tx -> IamRules.deletePolicyVersion(tx, f.account, arn, "v5"));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "Policy " + arn + " version v5 does not exist or is not attachable.",
        () -> f.write(tx -> IamRules.deletePolicyVersion(tx, f.account, arn, "v5")));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "Policy " + arn + " version bogus does not exist or is not attachable.",
        () -> f.write(tx -> IamRules.setDefaultPolicyVersion(tx, f.account, arn, "bogus", T0)));
    f.write(tx -> IamRules.setDefaultPolicyVersion(tx, f.account, arn, "v2", T0));
    PolicyVersion v6 =
        f.get(tx -> IamRules.createPolicyVersion(tx, f.account, arn, DOC, false, T0, 5));
    assertThat(v6.versionId()).isEqualTo("v6");
    String missing = Arns.policy(f.account, "/", "missing");
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "Policy " + missing + " was not found.",
        () ->
            f.write(tx -> IamRules.createPolicyVersion(tx, f.account, missing, DOC, false, T0, 5)));
  }

  @Test
  void attachmentsAreIdempotentAndLimitedPerKind() {
    User u = f.createUser("u");
    Role r = f.createRole("r");
    Group g = f.createGroup("g");
    String a = Arns.policy(f.account, "/", "a");
    String b = Arns.policy(f.account, "/", "b");
    f.write(tx -> IamRules.attachPolicy(tx, f.account, EntityRef.of(u), a, 1));
    f.write(tx -> IamRules.attachPolicy(tx, f.account, EntityRef.of(u), a, 1));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for PoliciesPerUser: 1",
        () -> f.write(tx -> IamRules.attachPolicy(tx, f.account, EntityRef.of(u), b, 1)));
    f.write(tx -> IamRules.attachPolicy(tx, f.account, EntityRef.of(r), a, 1));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for PoliciesPerRole: 1",
        () -> f.write(tx -> IamRules.attachPolicy(tx, f.account, EntityRef.of(r), b, 1)));
    f.write(tx -> IamRules.attachPolicy(tx, f.account, EntityRef.of(g), a, 1));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for PoliciesPerGroup: 1",
        () -> f.write(tx -> IamRules.attachPolicy(tx, f.account, EntityRef.of(g), b, 1)));
  }

  @Test
  void accessKeysAreLimitedPerOwnerUniqueAndNeedTheirUser() {
    User u = f.createUser("u");
    AccessKeyOwner owner = new AccessKeyOwner.IamUser(u.id());
    AccessKey k1 = f.key(f.account, owner);
    f.write(tx -> IamRules.createAccessKey(tx, k1, "s", 2));
    f.write(tx -> IamRules.createAccessKey(tx, f.key(f.account, owner), "s", 2));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for AccessKeysPerUser: 2",
        () -> f.write(tx -> IamRules.createAccessKey(tx, f.key(f.account, owner), "s", 2)));
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "The Access Key with id " + k1.accessKeyId() + " already exists.",
        () -> f.write(tx -> IamRules.createAccessKey(tx, k1, "again", 5)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The user with id AIDANOSUCHUSER000000 cannot be found.",
        () ->
            f.write(
                tx ->
                    IamRules.createAccessKey(
                        tx,
                        f.key(f.account, new AccessKeyOwner.IamUser("AIDANOSUCHUSER000000")),
                        "s",
                        2)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () ->
            f.write(
                tx ->
                    IamRules.createAccessKey(
                        tx, f.key("999999999999", new AccessKeyOwner.Root()), "s", 2)));
  }

  @Test
  void aUserHasOneLoginProfile() {
    User bob = f.createUser("Bob");
    LoginProfile p = LoginProfile.created(bob.id(), "h", T0, false);
    f.write(tx -> IamRules.createLoginProfile(tx, bob, p));
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Login Profile for user Bob already exists.",
        () -> f.write(tx -> IamRules.createLoginProfile(tx, bob, p)));
  }
}
