package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generated policies print to JSON that parses back to an equal AST. */
class RoundTripPropertyTest {
  private static final List<String> ACTIONS =
      List.of("s3:GetObject", "s3:*", "iam:List*", "*", "ec2:Describe?nstances", "KMS:decrypt");
  private static final List<String> RESOURCES =
      List.of(
          "*",
          "arn:aws:s3:::b/*",
          "arn:aws:s3:::b/${aws:username}/*",
          "arn:aws:iam::*:user/${aws:username}",
          "arn:aws:ec2:*:*:instance/*");
  private static final List<String> AWS_PRINCIPALS =
      List.of("*", "123456789012", "arn:aws:iam::123456789012:root", "arn:aws:iam::1:user/a");
  private static final List<String> KEYS =
      List.of("aws:SourceIp", "aws:PrincipalTag/team", "s3:prefix", "aws:CurrentTime");

  @Provide
  Arbitrary<Policy> policies() {
    Arbitrary<PolicyVersion> version = Arbitraries.of(PolicyVersion.class);
    Arbitrary<Optional<String>> id = Arbitraries.strings().alpha().ofMaxLength(5).optional(0.5);
    return Combinators.combine(version, id, statement().list().ofMinSize(1).ofMaxSize(3))
        .as(
            (v, i, list) -> {
              List<Statement> numbered = new ArrayList<>();
              for (int n = 0; n < list.size(); n++) {
                Statement s = list.get(n);
                numbered.add(s.sid().isPresent() ? s.withSid("S" + n) : s);
              }
              Policy p = new Policy(v, numbered);
              return i.isPresent() ? p.withId(i.get()) : p;
            });
  }

  private Arbitrary<Statement> statement() {
    Arbitrary<Optional<String>> sid = Arbitraries.just("S").optional(0.5);
    Arbitrary<PrincipalElement> principal =
        Combinators.combine(Arbitraries.of(true, false), principalSet())
            .as(
                (not, set) ->
                    not
                        ? new PrincipalElement.NotPrincipals(set)
                        : new PrincipalElement.Principals(set));
    Arbitrary<List<String>> actions = Arbitraries.of(ACTIONS).list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<ActionElement> action =
        Combinators.combine(Arbitraries.of(true, false), actions)
            .as((not, a) -> not ? new ActionElement.NotActions(a) : new ActionElement.Actions(a));
    Arbitrary<List<String>> resources = Arbitraries.of(RESOURCES).list().ofMaxSize(3);
    Arbitrary<ResourceElement> resource =
        Combinators.combine(Arbitraries.integers().between(0, 2), resources)
            .as(
                (k, r) ->
                    switch (k) {
                      case 0 -> new ResourceElement.None();
                      case 1 -> new ResourceElement.Resources(r);
                      default -> new ResourceElement.NotResources(r);
                    });
    return Combinators.combine(
            sid, Arbitraries.of(Effect.class), principal, action, resource, conditions())
        .as(
            (id, effect, p, a, r, c) -> {
              Statement s = new Statement(effect, p, a, r, c);
              return id.isPresent() ? s.withSid(id.get()) : s;
            });
  }

  private Arbitrary<PrincipalSet> principalSet() {
    Arbitrary<PrincipalSet> named =
        Arbitraries.of(AWS_PRINCIPALS)
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(
                aws ->
                    new PrincipalSet.Named(
                        List.of(
                            new PrincipalSet.Entry(PrincipalType.AWS, aws),
                            new PrincipalSet.Entry(
                                PrincipalType.SERVICE, List.of("ec2.amazonaws.com")))));
    return Arbitraries.oneOf(Arbitraries.just(new PrincipalSet.Everyone()), named);
  }

  private Arbitrary<List<ConditionClause>> conditions() {
    Arbitrary<ConditionClause> clause =
        Combinators.combine(
                Arbitraries.of(SetQualifier.class),
                Arbitraries.of(ConditionOperator.class),
                Arbitraries.of(true, false),
                Arbitraries.of(KEYS),
                Arbitraries.of("a", "10.0.0.0/8", "2020-01-01T00:00:00Z", "${aws:username}", "5")
                    .list()
                    .ofMaxSize(2))
            .as(
                (q, op, ifExists, key, values) -> {
                  List<String> v =
                      op.family() == ConditionOperator.Family.DATE
                          ? values.stream().map(x -> "2020-01-01T00:00:00Z").toList()
                          : values;
                  return new ConditionClause(
                      q, op, ifExists && op != ConditionOperator.NULL, key, v);
                });
    // Clauses of one operator are one JSON object: group them, one clause per key.
    return clause
        .list()
        .ofMaxSize(4)
        .map(
            list -> {
              Map<String, Map<String, ConditionClause>> groups = new LinkedHashMap<>();
              for (ConditionClause c : list) {
                groups
                    .computeIfAbsent(c.operatorText(), k -> new LinkedHashMap<>())
                    .putIfAbsent(c.key(), c);
              }
              List<ConditionClause> out = new ArrayList<>();
              groups.values().forEach(g -> out.addAll(g.values()));
              return out;
            });
  }

  @Property(tries = 500)
  void printThenParseGivesTheSamePolicy(@ForAll("policies") Policy p) {
    String json = p.toJson();
    Policy again = Policy.parse(json, PolicyKind.RESOURCE, ValidationMode.EVALUATION);
    assertThat(again).isEqualTo(p);
    assertThat(again.toJson()).isEqualTo(json);
    CompiledPolicy.compile(again, PolicyKind.RESOURCE, "generated");
  }
}
