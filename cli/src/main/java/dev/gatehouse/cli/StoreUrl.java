package dev.gatehouse.cli;

import dev.gatehouse.server.ServerConfig.StoreChoice;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code --store} (or {@code GATEHOUSE_STORE}): a PostgreSQL URL in the JDBC form {@code
 * jdbc:postgresql://HOST[:PORT]/DATABASE[?PARAMS]} or the libpq form {@code
 * postgresql://[USER@]HOST[:PORT]/DATABASE[?PARAMS]} ({@code postgres://} too).
 *
 * <p>The password comes from {@code GATEHOUSE_STORE_PASSWORD} only: a URL holding one is refused,
 * without repeating it, because command lines are visible to every local user and end up in shell
 * histories and process listings. The user comes from the URL, else from {@code
 * GATEHOUSE_STORE_USER}.
 */
final class StoreUrl {
  static final String ENV_URL = "GATEHOUSE_STORE";
  static final String ENV_USER = "GATEHOUSE_STORE_USER";
  static final String ENV_PASSWORD = "GATEHOUSE_STORE_PASSWORD";

  private static final String FORMS =
      "jdbc:postgresql://HOST[:PORT]/DATABASE or postgresql://[USER@]HOST[:PORT]/DATABASE";

  private StoreUrl() {}

  /**
   * @param source how the operator gave it ({@code --store} or the variable), for messages
   * @throws IllegalArgumentException with a one-line message for the operator
   */
  static StoreChoice.Postgres parse(String url, String source, Map<String, String> environment) {
    String lower = url.toLowerCase(Locale.ROOT);
    String rest;
    if (lower.startsWith("jdbc:postgresql://")) {
      rest = url.substring("jdbc:postgresql://".length());
    } else if (lower.startsWith("postgresql://")) {
      rest = url.substring("postgresql://".length());
    } else if (lower.startsWith("postgres://")) {
      rest = url.substring("postgres://".length());
    } else {
      int scheme = url.indexOf("://");
      if (scheme > 0 && url.substring(scheme + 3).matches("[^/?#]*:[^/?#]*@.*")) {
        throw passwordRefused(source);
      }
      throw new IllegalArgumentException(source + " must be " + FORMS + ", got '" + url + "'");
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String pathAndQuery = slash < 0 ? "" : rest.substring(slash + 1);
    String user = "";
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      if (userInfo.contains(":")) {
        throw passwordRefused(source);
      }
      user = URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
      authority = authority.substring(at + 1);
    }
    int question = pathAndQuery.indexOf('?');
    String database = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    String query = question < 0 ? "" : pathAndQuery.substring(question + 1);
    for (String parameter : query.split("&", -1)) {
      String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : "";
      String value = parameter.substring(name.isEmpty() ? 0 : name.length() + 1);
      // password, and sslpassword (the client key's): neither belongs on a command line.
      if (name.toLowerCase(Locale.ROOT).endsWith("password")) {
        throw passwordRefused(source);
      }
      if (name.equalsIgnoreCase("user") && user.isEmpty()) {
        user = URLDecoder.decode(value, StandardCharsets.UTF_8);
      }
    }
    if (authority.isEmpty() || authority.startsWith(":")) {
      throw new IllegalArgumentException(
          source + " names no host: " + FORMS + ", got '" + url + "'");
    }
    if (database.isEmpty()) {
      throw new IllegalArgumentException(
          source + " names no database: " + FORMS + ", got '" + url + "'");
    }
    if (user.isEmpty()) {
      user = environment.getOrDefault(ENV_USER, "");
    }
    if (user.isEmpty()) {
      throw new IllegalArgumentException(
          source
              + " names no user: put it in the URL (postgresql://USER@HOST/DATABASE) or set "
              + ENV_USER);
    }
    String jdbcUrl =
        "jdbc:postgresql://" + authority + "/" + database + (query.isEmpty() ? "" : "?" + query);
    return new StoreChoice.Postgres(jdbcUrl, user, environment.getOrDefault(ENV_PASSWORD, ""));
  }

  private static IllegalArgumentException passwordRefused(String source) {
    return new IllegalArgumentException(
        source + " must not hold the password (not repeated here): set " + ENV_PASSWORD);
  }
}
