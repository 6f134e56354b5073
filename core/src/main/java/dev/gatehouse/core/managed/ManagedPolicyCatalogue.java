package dev.gatehouse.core.managed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.ManagedPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * AWS managed policies, loaded once from the bundled snapshot (see PROVENANCE.md next to it) and
 * never copied into an account: attachments refer to them by ARN.
 *
 * <p>The snapshot has no policy ids; each gets a stable {@code ANPA...} id derived from its ARN.
 */
public final class ManagedPolicyCatalogue {
  static final String RESOURCE = "/dev/gatehouse/core/managed/aws-managed-policies.json.gz";

  private final List<AwsManagedPolicy> all;
  private final Map<String, AwsManagedPolicy> byArn;

  private ManagedPolicyCatalogue(List<AwsManagedPolicy> all) {
    this.all = List.copyOf(all);
    Map<String, AwsManagedPolicy> m = new HashMap<>();
    for (AwsManagedPolicy p : all) {
      m.put(p.policy().arn(), p);
    }
    this.byArn = Map.copyOf(m);
  }

  private static final class Holder {
    static final ManagedPolicyCatalogue INSTANCE = load();
  }

  /** The bundled catalogue, loaded on first use. */
  public static ManagedPolicyCatalogue bundled() {
    return Holder.INSTANCE;
  }

  /**
   * Reads the snapshot with a streaming parser: the metadata of each policy is read, its document
   * is kept as the exact text of the file (compact JSON, what a tree would write back) without
   * building a tree of it. Start-up waits for this; documents are parsed when first used.
   */
  static ManagedPolicyCatalogue load() {
    String text;
    try (InputStream raw = ManagedPolicyCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      text = new String(new GZIPInputStream(raw).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load " + RESOURCE, e);
    }
    try (JsonParser json = new JsonFactory().createParser(text)) {
      List<AwsManagedPolicy> out = new ArrayList<>();
      expect(json, JsonToken.START_OBJECT);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        json.nextToken();
        if (!field.equals("policies")) {
          json.skipChildren();
          continue;
        }
        if (json.currentToken() != JsonToken.START_ARRAY) {
          throw new IllegalStateException("catalogue policies is not a list");
        }
        while (json.nextToken() == JsonToken.START_OBJECT) {
          out.add(policy(json, text));
        }
      }
      out.sort(Comparator.comparing(a -> a.policy().name()));
      return new ManagedPolicyCatalogue(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load " + RESOURCE, e);
    }
  }

  private static void expect(JsonParser json, JsonToken token) throws IOException {
    if (json.nextToken() != token) {
      throw new IllegalStateException(
          "catalogue: expected " + token + " at " + json.currentLocation());
    }
  }

  /** One policy object, the parser on its START_OBJECT; leaves it on its END_OBJECT. */
  private static AwsManagedPolicy policy(JsonParser json, String text) throws IOException {
    Map<String, String> fields = new HashMap<>();
    String document = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      JsonToken value = json.nextToken();
      if (field.equals("Document") && value == JsonToken.START_OBJECT) {
        int from = (int) json.currentTokenLocation().getCharOffset();
        json.skipChildren();
        document = text.substring(from, (int) json.currentLocation().getCharOffset());
      } else if (value.isScalarValue()) {
        fields.put(field, json.getText());
      } else {
        json.skipChildren();
      }
    }
    String name = required(fields, "PolicyName");
    String path = required(fields, "Path");
    String arn = Arns.policy(Arns.AWS_ACCOUNT, path, name);
    if (!arn.equals(fields.get("Arn")) || document == null) {
      throw new IllegalStateException("catalogue ARN mismatch or no document for " + name);
    }
    ManagedPolicy policy =
        new ManagedPolicy(
            Arns.AWS_ACCOUNT,
            name,
            stableId(arn),
            path,
            required(fields, "DefaultVersionId"),
            "",
            Instant.parse(required(fields, "CreateDate")),
            Instant.parse(required(fields, "UpdateDate")),
            true,
            0);
    return new AwsManagedPolicy(policy, document);
  }

  private static String required(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null) {
      throw new IllegalStateException("catalogue policy without " + name);
    }
    return value;
  }

  private static String stableId(String arn) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
      StringBuilder b = new StringBuilder("ANPA");
      for (int i = 0; i < Ids.ENTITY_SUFFIX_LENGTH; i++) {
        b.append(alphabet.charAt((d[i] & 0xff) % 32));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** All AWS managed policies, ordered by name. */
  public List<AwsManagedPolicy> all() {
    return all;
  }

  public Optional<AwsManagedPolicy> byArn(String arn) {
    return Optional.ofNullable(byArn.get(arn));
  }

  public int size() {
    return all.size();
  }
}
