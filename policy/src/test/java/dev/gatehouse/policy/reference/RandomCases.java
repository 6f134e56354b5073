package dev.gatehouse.policy.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;

/**
 * Random but meaningful policy cases: policies and requests are drawn from one small vocabulary
 * (actions, resources, principals, context keys and values, with wildcards and variables) so that
 * statements actually match requests. Shapes whose AWS outcome is undocumented (a plain operator
 * over a multivalued key, NotPrincipal, Bool with variables) are not generated.
 */
final class RandomCases {

  static final String A = "111122223333";
  static final String B = "444455556666";

  private static final List<String> PRINCIPALS =
      List.of(
          "arn:aws:iam::" + A + ":user/alice",
          "arn:aws:iam::" + A + ":user/alice",
          "arn:aws:sts::" + A + ":assumed-role/app/s1",
          "arn:aws:sts::" + A + ":assumed-role/other/s1",
          "arn:aws:sts::" + A + ":federated-user/carol",
          "arn:aws:iam::" + A + ":root",
          "arn:aws:sts::" + B + ":assumed-role/app/s2",
          "cloudtrail.amazonaws.com",
          "arn:aws:iam::" + B + ":user/bob",
          "anonymous");

  private static final List<String> ACTIONS =
      List.of(
          "s3:GetObject",
          "s3:PutObject",
          "s3:DeleteObject",
          "ec2:RunInstances",
          "iam:GetUser",
          "sts:AssumeRole",
          "kms:Decrypt",
          "sts:GetCallerIdentity");

  private static final List<String> ACTION_PATTERNS =
      List.of(
          "s3:GetObject",
          "s3:PutObject",
          "*",
          "*",
          "s3:*",
          "s3:*",
          "s3:Get*",
          "s3:*Object",
          "S3:GETOBJECT",
          "s3:?etObject",
          "ec2:*",
          "iam:Get*",
          "s3:Delete?bject",
          "sts:AssumeRole",
          "kms:*");

  private static final List<String> RESOURCES =
      List.of(
          "arn:aws:s3:::bucket/key",
          "arn:aws:s3:::bucket/home/alice/x",
          "arn:aws:s3:::bucket/blue/x",
          "arn:aws:s3:::other/key",
          "arn:aws:s3:::bucket/Key",
          "arn:aws:iam::" + A + ":role/app",
          "arn:aws:kms:us-east-1:" + A + ":key/k1",
          "*");

  private static final List<String> RESOURCE_PATTERNS =
      List.of(
          "*",
          "*",
          "arn:aws:s3:::bucket/*",
          "arn:aws:s3:::bucket/*",
          "arn:aws:s3:::bucket/key",
          "arn:aws:s3:::bucket/home/${aws:username}/*",
          "arn:aws:s3:::*/key",
          "arn:aws:s3:::bucket/?ey",
          "arn:aws:s3:::other/*",
          "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'key'}",
          "arn:aws:s3:::bucket/${aws:principaltag/TEAM}/*",
          "arn:aws:iam::" + A + ":role/*",
          "arn:aws:s3:::bucket/${?}ey");

  private static final List<Object> RESOURCE_PRINCIPALS =
      List.of(
          "*",
          "arn:aws:iam::" + A + ":user/alice",
          A,
          "arn:aws:iam::" + A + ":root",
          "arn:aws:iam::" + A + ":role/app",
          "arn:aws:iam::" + A + ":role/path/app",
          "arn:aws:sts::" + A + ":assumed-role/app/s1",
          "arn:aws:sts::" + A + ":federated-user/carol",
          "arn:aws:iam::" + B + ":role/app",
          B,
          "arn:aws:iam::" + B + ":user/bob");

  private final Random random;

  private RandomCases(Random random) {
    this.random = random;
  }

  /** One case as a JSON object (no expected outcome). */
  static ObjectNode generate(Random random) {
    return new RandomCases(random).build();
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private ObjectNode build() {
    ObjectNode c = CorpusFiles.JSON.createObjectNode();
    c.put("id", "random");
    ObjectNode request = c.putObject("request");
    String principal = pick(PRINCIPALS);
    request.put("principal", principal);
    request.put("action", pick(ACTIONS));
    request.put("resource", pick(RESOURCES));
    if (principal.equals("anonymous") || chance(10)) {
      request.put("resourceAccount", chance(80) ? A : B);
    }
    request.set("context", context());
    ArrayNode identity = c.putArray("identityPolicies");
    int n = chance(85) ? 1 + random.nextInt(2) : 0;
    for (int i = 0; i < n; i++) {
      identity.add(policy(false, "2012-10-17"));
    }
    if (chance(50)) {
      c.set("resourcePolicy", policy(true, chance(85) ? "2012-10-17" : "2008-10-17"));
    }
    if (chance(25)) {
      c.set("permissionBoundary", policy(false, "2012-10-17"));
    }
    if (chance(30)) {
      c.set("sessionPolicy", policy(false, "2012-10-17"));
    }
    if (chance(20)) {
      ArrayNode scps = c.putArray("scps");
      int levels = 1 + random.nextInt(3);
      for (int i = 0; i < levels; i++) {
        ArrayNode level = scps.addArray();
        level.add(chance(70) ? allowAll() : policy(false, "2012-10-17"));
      }
    }
    if (chance(15)) {
      ArrayNode rcps = c.putArray("rcps");
      ArrayNode level = rcps.addArray();
      ObjectNode rcp = level.addObject();
      rcp.put("Version", "2012-10-17");
      ObjectNode st = rcp.putArray("Statement").addObject();
      st.put("Effect", "Deny");
      st.put("Principal", "*");
      st.put("Action", pick(ACTION_PATTERNS));
      st.put("Resource", pick(RESOURCE_PATTERNS));
      if (chance(70)) {
        st.set("Condition", condition());
      }
    }
    return c;
  }

  private static ObjectNode allowAll() {
    ObjectNode p = CorpusFiles.JSON.createObjectNode();
    p.put("Version", "2012-10-17");
    ObjectNode st = p.putArray("Statement").addObject();
    st.put("Effect", "Allow");
    st.put("Action", "*");
    st.put("Resource", "*");
    return p;
  }

  private ObjectNode context() {
    ObjectNode ctx = CorpusFiles.JSON.createObjectNode();
    if (chance(70)) {
      ctx.put(chance(80) ? "aws:username" : "AWS:UserName", chance(80) ? "alice" : "bob");
    }
    if (chance(60)) {
      ctx.put(
          chance(70) ? "aws:PrincipalTag/team" : "aws:principaltag/Team",
          pick(List.of("blue", "red", "key")));
    }
    if (chance(60)) {
      ctx.put(
          "aws:SourceIp", pick(List.of("203.0.113.5", "198.51.100.7", "2001:db8::1", "10.1.2.3")));
    }
    if (chance(60)) {
      ctx.put(
          "aws:CurrentTime",
          pick(List.of("2024-01-01T00:00:00Z", "2024-06-15T12:00:00Z", "1704067200")));
    }
    if (chance(50)) {
      ctx.put("s3:max-keys", pick(List.of("5", "10", "20", "10.0")));
    }
    if (chance(60)) {
      ctx.put("aws:SecureTransport", chance(50) ? "true" : "false");
    }
    if (chance(50)) {
      ctx.put(
          "aws:SourceArn",
          pick(
              List.of(
                  "arn:aws:sns:us-east-1:" + A + ":topic-a", "arn:aws:sqs:eu-west-1:" + B + ":q")));
    }
    if (chance(50)) {
      ArrayNode keys = ctx.putArray("aws:TagKeys");
      int n = random.nextInt(3);
      for (int i = 0; i < n; i++) {
        keys.add(pick(List.of("env", "owner", "cost-center")));
      }
    }
    return ctx;
  }

  private ObjectNode policy(boolean withPrincipal, String version) {
    ObjectNode p = CorpusFiles.JSON.createObjectNode();
    p.put("Version", version);
    ArrayNode statements = p.putArray("Statement");
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      statements.add(statement(withPrincipal));
    }
    return p;
  }

  private ObjectNode statement(boolean withPrincipal) {
    ObjectNode st = CorpusFiles.JSON.createObjectNode();
    st.put("Effect", chance(65) ? "Allow" : "Deny");
    if (withPrincipal && st.get("Effect").asText().equals("Deny") && chance(25)) {
      ArrayNode excluded = st.putObject("NotPrincipal").putArray("AWS");
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        excluded.add((String) pick(RESOURCE_PRINCIPALS));
      }
    } else if (withPrincipal) {
      if (chance(20)) {
        st.put("Principal", "*");
      } else {
        ObjectNode principal = st.putObject("Principal");
        if (chance(10)) {
          principal.put(
              "Service", chance(50) ? "cloudtrail.amazonaws.com" : "config.amazonaws.com");
        } else if (chance(70)) {
          principal.put("AWS", (String) pick(RESOURCE_PRINCIPALS));
        } else {
          principal
              .putArray("AWS")
              .add((String) pick(RESOURCE_PRINCIPALS))
              .add((String) pick(RESOURCE_PRINCIPALS));
        }
      }
    }
    st.set(chance(85) ? "Action" : "NotAction", strings(ACTION_PATTERNS));
    st.set(chance(85) ? "Resource" : "NotResource", strings(RESOURCE_PATTERNS));
    if (chance(35)) {
      st.set("Condition", condition());
    }
    return st;
  }

  private JsonNode strings(List<String> vocabulary) {
    if (chance(60)) {
      return CorpusFiles.JSON.getNodeFactory().textNode(pick(vocabulary));
    }
    ArrayNode a = CorpusFiles.JSON.createArrayNode();
    a.add(pick(vocabulary)).add(pick(vocabulary));
    return a;
  }

  private ObjectNode condition() {
    ObjectNode condition = CorpusFiles.JSON.createObjectNode();
    int n = 1 + random.nextInt(2);
    for (int i = 0; i < n; i++) {
      String[] clause = clause();
      String op = clause[0];
      ObjectNode block =
          condition.has(op) ? (ObjectNode) condition.get(op) : condition.putObject(op);
      if (clause.length == 3) {
        block.put(clause[1], clause[2]);
      } else {
        ArrayNode values = block.putArray(clause[1]);
        for (int j = 2; j < clause.length; j++) {
          values.add(clause[j]);
        }
      }
    }
    return condition;
  }

  private String ifExists(String op) {
    return chance(20) ? op + "IfExists" : op;
  }

  private String[] clause() {
    return switch (random.nextInt(10)) {
      case 0 ->
          new String[] {
            ifExists(
                pick(
                    List.of(
                        "StringEquals",
                        "StringNotEquals",
                        "StringEqualsIgnoreCase",
                        "StringNotEqualsIgnoreCase"))),
            chance(80) ? "aws:username" : "AWS:USERNAME",
            pick(List.of("alice", "ALICE", "bob", "${aws:PrincipalTag/team}")),
            pick(List.of("alice", "carol"))
          };
      case 1 ->
          new String[] {
            ifExists(pick(List.of("StringLike", "StringNotLike"))),
            "aws:PrincipalTag/team",
            pick(List.of("b*", "?ed", "*", "${aws:username}", "k${*}"))
          };
      case 2 ->
          new String[] {
            ifExists(
                pick(
                    List.of(
                        "NumericEquals",
                        "NumericNotEquals",
                        "NumericLessThan",
                        "NumericLessThanEquals",
                        "NumericGreaterThan",
                        "NumericGreaterThanEquals"))),
            "s3:max-keys",
            pick(List.of("10", "5", "20.5"))
          };
      case 3 ->
          new String[] {
            ifExists(
                pick(
                    List.of(
                        "DateEquals",
                        "DateNotEquals",
                        "DateLessThan",
                        "DateLessThanEquals",
                        "DateGreaterThan",
                        "DateGreaterThanEquals"))),
            "aws:CurrentTime",
            pick(List.of("2024-01-01T00:00:00Z", "1704067200", "2024-03-01T00:00:00Z"))
          };
      case 4 ->
          new String[] {
            ifExists(pick(List.of("IpAddress", "NotIpAddress"))),
            "aws:SourceIp",
            pick(List.of("203.0.113.0/24", "198.51.100.7", "2001:db8::/32", "10.0.0.0/8"))
          };
      case 5 ->
          new String[] {ifExists("Bool"), "aws:SecureTransport", chance(50) ? "true" : "false"};
      case 6 ->
          new String[] {
            "Null",
            pick(List.of("aws:username", "aws:SourceIp", "aws:TagKeys")),
            chance(50) ? "true" : "false"
          };
      case 7 ->
          new String[] {
            ifExists(pick(List.of("ArnLike", "ArnEquals", "ArnNotLike", "ArnNotEquals"))),
            "aws:SourceArn",
            pick(
                List.of(
                    "arn:aws:sns:*:" + A + ":*",
                    "arn:aws:sns:us-east-1:" + A + ":topic-a",
                    "arn:aws:*:*:*:*",
                    "arn:aws:sqs:*:*:q"))
          };
      case 8 ->
          new String[] {
            pick(List.of("ForAllValues:", "ForAnyValue:"))
                + pick(List.of("StringEquals", "StringLike", "StringNotEquals", "StringNotLike")),
            "aws:TagKeys",
            pick(List.of("env", "o*")),
            pick(List.of("owner", "cost-center"))
          };
      default ->
          new String[] {ifExists("BinaryEquals"), "example:Key", "QmluYXJ5VmFsdWVJbkJhc2U2NA=="};
    };
  }
}
