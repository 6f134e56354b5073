package dev.gatehouse.policy.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Metamorphic properties of the reference evaluator itself (so it is tested by more than the corpus
 * it was written with), over the same generator the engine comparison uses.
 */
class ReferencePropertiesTest {

  @Provide
  Arbitrary<ObjectNode> cases() {
    return Arbitraries.longs().map(seed -> RandomCases.generate(new Random(seed)));
  }

  @Property(tries = 600)
  void generatedCasesReachEveryOutcome(@ForAll("cases") ObjectNode c) {
    String outcome = ReferenceEvaluator.evaluate(c, Map.of());
    Statistics.label("outcome")
        .collect(outcome)
        .coverage(
            coverage -> {
              coverage.check("Allowed").percentage(p -> p > 5);
              coverage.check("ExplicitlyDenied").percentage(p -> p > 5);
              coverage.check("ImplicitlyDenied").percentage(p -> p > 5);
            });
  }

  // spec: an explicit deny in any identity policy overrides every allow (A2)
  @Property(tries = 250)
  void aMatchingIdentityDenyAlwaysDenies(@ForAll("cases") ObjectNode c) {
    String principal = c.path("request").path("principal").asText();
    if (!principal.startsWith("arn:") || principal.endsWith(":root")) {
      return; // anonymous, service callers and the root user have no identity policies
    }
    if (c.path("request").path("action").asText().equalsIgnoreCase("sts:GetCallerIdentity")) {
      return; // spec: STS API GetCallerIdentity: allowed even under an explicit deny
    }
    ArrayNode identity = (ArrayNode) c.get("identityPolicies");
    ObjectNode deny = identity.addObject();
    deny.put("Version", "2012-10-17");
    ObjectNode st = deny.putArray("Statement").addObject();
    st.put("Effect", "Deny");
    st.put("Action", "*");
    st.put("Resource", "*");
    assertThat(ReferenceEvaluator.evaluate(c, Map.of())).isEqualTo("ExplicitlyDenied");
  }

  // spec: statements and policies are OR-ed (A10): adding an Allow never takes access away
  @Property(tries = 250)
  void addingAnAllowNeverRemovesAccess(@ForAll("cases") ObjectNode c) {
    String before = ReferenceEvaluator.evaluate(c, Map.of());
    ArrayNode identity = (ArrayNode) c.get("identityPolicies");
    ObjectNode allow = identity.addObject();
    allow.put("Version", "2012-10-17");
    ObjectNode st = allow.putArray("Statement").addObject();
    st.put("Effect", "Allow");
    st.put("Action", "*");
    st.put("Resource", "*");
    String after = ReferenceEvaluator.evaluate(c, Map.of());
    if (before.equals("Allowed")) {
      assertThat(after).isEqualTo("Allowed");
    }
    if (before.equals("ExplicitlyDenied")) {
      assertThat(after).isEqualTo("ExplicitlyDenied");
    }
  }
}
