package dev.gatehouse.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The role wizard's "SAML 2.0 federation" trusted entity: a SAML provider of the account and the
 * access to allow, giving the trust policy AWS's console writes (spec: IAM User Guide, "Create a
 * role for SAML 2.0 federation (console)"): Principal {@code {"Federated": provider ARN}}, Action
 * {@code sts:AssumeRoleWithSAML}, and a StringEquals condition: for programmatic and console access
 * {@code SAML:aud} must be AWS's SAML sign-in endpoint; for programmatic access only, the chosen
 * SAML attribute must have the value given.
 */
final class SamlTrust {
  private SamlTrust() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The wizard's value of the entity radio for SAML 2.0 federation. */
  static final String ENTITY = "saml";

  /** The access radio's values. */
  static final String PROGRAMMATIC = "programmatic";

  static final String CONSOLE = "console";

  /** spec: the SAML:aud the console path requires, AWS's sign-in endpoint for SAML. */
  static final String SIGN_IN = "https://signin.aws.amazon.com/saml";

  /** The attributes the programmatic path offers, spelt as AWS's console writes them. */
  static final List<String> ATTRIBUTES =
      List.of(
          "SAML:aud",
          "SAML:iss",
          "SAML:sub",
          "SAML:sub_type",
          "SAML:namequalifier",
          "SAML:edupersonprincipalname",
          "SAML:edupersonorgdn",
          "SAML:mail");

  /** The radio, the provider, the access and (programmatic only) the attribute and its value. */
  static void fields(Visit v, Html h, ConsoleRequest r) {
    Forms.radio(h, "entity", ENTITY, "SAML 2.0 federation", r.param("entity").equals(ENTITY));
    List<String[]> options = new ArrayList<>();
    options.add(new String[] {"", "Choose a SAML provider"});
    try {
      for (SamlProviderPages.Provider p : SamlProviderPages.providers(v)) {
        options.add(new String[] {p.arn(), p.name()});
      }
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
    Forms.select(h, "samlProvider", "SAML provider", r.param("samlProvider"), options);
    h.open("fieldset").element("legend", "Access to be allowed (SAML 2.0 federation)");
    boolean console = r.param("samlAccess").equals(CONSOLE);
    Forms.radio(h, "samlAccess", PROGRAMMATIC, "Allow programmatic access only", !console);
    Forms.radio(
        h, "samlAccess", CONSOLE, "Allow programmatic and AWS Management Console access", console);
    List<String[]> attributes = new ArrayList<>();
    for (String a : ATTRIBUTES) {
      attributes.add(new String[] {a, a});
    }
    Forms.select(
        h,
        "samlAttribute",
        "SAML attribute",
        r.param("samlAttribute").isEmpty() ? ATTRIBUTES.get(0) : r.param("samlAttribute"),
        attributes);
    Forms.text(
        h,
        "samlValue",
        "Attribute value",
        r.param("samlValue"),
        "The value the attribute must have; for programmatic access only (console access"
            + " requires SAML:aud to be "
            + SIGN_IN
            + ").");
    h.close("fieldset");
  }

  /** What is missing when SAML 2.0 federation is chosen. */
  static List<String> check(ConsoleRequest r) {
    List<String> errors = new ArrayList<>();
    if (!r.param("entity").equals(ENTITY)) {
      return errors;
    }
    if (!r.param("samlProvider").contains(":saml-provider/")) {
      errors.add("Choose a SAML provider for SAML 2.0 federation.");
    }
    if (!r.param("samlAccess").equals(CONSOLE)) {
      if (!ATTRIBUTES.contains(r.param("samlAttribute"))) {
        errors.add("Choose one of the SAML attributes offered.");
      }
      if (r.param("samlValue").trim().isEmpty()) {
        errors.add("Enter the value the SAML attribute must have, or allow console access.");
      }
    }
    return errors;
  }

  /** The trust policy for the wizard's choices (checked by {@link #check} first). */
  static String trust(ConsoleRequest r) {
    boolean console = r.param("samlAccess").equals(CONSOLE);
    var root = JSON.createObjectNode();
    root.put("Version", "2012-10-17");
    var statement = root.putArray("Statement").addObject();
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("Federated", r.param("samlProvider"));
    statement.put("Action", "sts:AssumeRoleWithSAML");
    statement
        .putObject("Condition")
        .putObject("StringEquals")
        .put(
            console ? "SAML:aud" : r.param("samlAttribute"),
            console ? SIGN_IN : r.param("samlValue").trim());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
