package dev.gatehouse.server;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.sts.FederatedOperations;
import dev.gatehouse.api.sts.SamlActions;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.saml.SamlFederation;
import dev.gatehouse.core.saml.SamlSettings;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * AssumeRoleWithSAML for the node. Besides AWS's own audience and recipient values, a deployment
 * may accept its own: {@code GATEHOUSE_SAML_AUDIENCES}, comma-separated URLs (say {@code
 * https://gatehouse.example.com/saml}) accepted both as an assertion's Audience and as its
 * Recipient (docs/DEVIATIONS.md).
 */
final class SamlAssembly {
  static final String AUDIENCES = "GATEHOUSE_SAML_AUDIENCES";

  private SamlAssembly() {}

  static SamlSettings settings(Map<String, String> environment) {
    Set<String> own =
        Arrays.stream(environment.getOrDefault(AUDIENCES, "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    return new SamlSettings(own, own, SamlSettings.DEFAULT_SKEW);
  }

  static Operation<?, ?> operation(
      FederatedOperations federation,
      IamServices iam,
      Map<String, String> environment,
      Clock clock) {
    return SamlActions.operation(
        federation, new SamlFederation(iam.samlProviders()::byArn, settings(environment), clock));
  }
}
