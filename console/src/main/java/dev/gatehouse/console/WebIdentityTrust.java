package dev.gatehouse.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The role wizard's "Web identity" trusted entity: an OpenID Connect provider of the account and an
 * audience, giving the trust policy AWS's console writes for it: Principal {@code {"Federated":
 * provider ARN}}, Action {@code sts:AssumeRoleWithWebIdentity}, and StringEquals on the provider's
 * {@code HOST/PATH:aud} key.
 */
final class WebIdentityTrust {
  private WebIdentityTrust() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The wizard's value of the entity radio for a web identity. */
  static final String ENTITY = "web";

  /** The radio, the provider choice and the audience, as last posted. */
  static void fields(Visit v, Html h, ConsoleRequest r) {
    Forms.radio(h, "entity", ENTITY, "Web identity", r.param("entity").equals(ENTITY));
    List<String[]> options = new ArrayList<>();
    options.add(new String[] {"", "Choose a provider"});
    for (IdentityProvidersPage.Provider p : IdentityProvidersPage.providers(v)) {
      options.add(new String[] {p.arn(), p.url()});
    }
    Forms.select(h, "provider", "Identity provider", r.param("provider"), options);
    Forms.text(
        h,
        "audience",
        "Audience",
        r.param("audience"),
        "The client ID tokens must name (aud); used when Web identity is chosen.");
  }

  /** What is missing when Web identity is chosen. */
  static List<String> check(ConsoleRequest r) {
    List<String> errors = new ArrayList<>();
    if (!r.param("entity").equals(ENTITY)) {
      return errors;
    }
    if (!r.param("provider").contains(":oidc-provider/")) {
      errors.add("Choose an identity provider for Web identity.");
    }
    if (r.param("audience").trim().isEmpty()) {
      errors.add("Enter the audience for Web identity.");
    }
    return errors;
  }

  /** The trust policy for the chosen provider and audience. */
  static String trust(String providerArn, String audience) {
    String hostPath = providerArn.substring(providerArn.indexOf(":oidc-provider/") + 15);
    var root = JSON.createObjectNode();
    root.put("Version", "2012-10-17");
    var statement = root.putArray("Statement").addObject();
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("Federated", providerArn);
    statement.put("Action", "sts:AssumeRoleWithWebIdentity");
    statement
        .putObject("Condition")
        .putObject("StringEquals")
        .put(hostPath + ":aud", audience.trim());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
