package dev.gatehouse.core.managed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gatehouse.core.Once;
import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.ManagedPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * AWS managed policies, read from the bundled snapshot (see PROVENANCE.md next to it) on first use
 * and never copied into an account: attachments refer to them by ARN.
 *
 * <p>The snapshot has no policy ids; each gets a stable {@code ANPA...} id derived from its ARN.
 */
public final class ManagedPolicyCatalogue {
  static final String RESOURCE = "/dev/gatehouse/core/managed/aws-managed-policies.json.gz";

  /** What a catalogue holds once read: the policies by name and by ARN. */
  private record Contents(List<AwsManagedPolicy> all, Map<String, AwsManagedPolicy> byArn) {
    static Contents of(List<AwsManagedPolicy> all) {
      Map<String, AwsManagedPolicy> m = new HashMap<>();
      for (AwsManagedPolicy p : all) {
        m.put(p.policy().arn(), p);
      }
      return new Contents(List.copyOf(all), Map.copyOf(m));
    }
  }

  private final Once<Contents, RuntimeException> contents;

  private ManagedPolicyCatalogue(Supplier<List<AwsManagedPolicy>> source) {
    this.contents = new Once<>(() -> Contents.of(source.get()));
  }

  private static final class Holder {
    static final ManagedPolicyCatalogue INSTANCE =
        bundledFrom(RESOURCE, ManagedPolicyCatalogue::read);
  }

  /**
   * The bundled catalogue. Nothing is parsed until a policy is first asked for (start-up and
   * readiness need none); only the snapshot's presence is checked here.
   */
  public static ManagedPolicyCatalogue bundled() {
    return Holder.INSTANCE;
  }

  /**
   * A catalogue of a bundled resource, read from {@code source} on first use; a missing resource
   * fails now, at start.
   */
  static ManagedPolicyCatalogue bundledFrom(
      String resource, Supplier<List<AwsManagedPolicy>> source) {
    if (ManagedPolicyCatalogue.class.getResource(resource) == null) {
      throw new IllegalStateException("missing resource " + resource);
    }
    return lazy(source);
  }

  /** A catalogue read from {@code source} once, by the first caller that needs its policies. */
  static ManagedPolicyCatalogue lazy(Supplier<List<AwsManagedPolicy>> source) {
    return new ManagedPolicyCatalogue(source);
  }

  /** The bundled snapshot, read now (tests). */
  static ManagedPolicyCatalogue load() {
    List<AwsManagedPolicy> all = read();
    ManagedPolicyCatalogue catalogue = lazy(() -> all);
    catalogue.contents();
    return catalogue;
  }

  /**
   * Read by the first use; a failed read (a broken snapshot) is not kept ({@link Once}): every use
   * fails loudly again rather than seeing an empty catalogue.
   */
  private Contents contents() {
    return contents.get();
  }

  /**
   * Reads the snapshot with a streaming parser: the metadata of each policy is read, its document
   * is kept as the exact text of the file (compact JSON, what a tree would write back) without
   * building a tree of it. Documents are parsed when first used.
   */
  static List<AwsManagedPolicy> read() {
    char[] text;
    try (InputStream raw = ManagedPolicyCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      // Parsed from one char array rather than a String: Jackson reads a long String through a
      // StringReader, copying it out a few thousand chars at a time.
      text =
          new String(new GZIPInputStream(raw).readAllBytes(), StandardCharsets.UTF_8).toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load " + RESOURCE, e);
    }
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
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
          out.add(policy(json, text, sha256));
        }
      }
      out.sort(Comparator.comparing(a -> a.policy().name()));
      return out;
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
  private static AwsManagedPolicy policy(JsonParser json, char[] text, MessageDigest sha256)
      throws IOException {
    Map<String, String> fields = new HashMap<>();
    String document = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      JsonToken value = json.nextToken();
      if (field.equals("Document") && value == JsonToken.START_OBJECT) {
        int from = (int) json.currentTokenLocation().getCharOffset();
        json.skipChildren();
        document = new String(text, from, (int) json.currentLocation().getCharOffset() - from);
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
            stableId(sha256, arn),
            path,
            required(fields, "DefaultVersionId"),
            "",
            IsoInstants.parse(required(fields, "CreateDate")),
            IsoInstants.parse(required(fields, "UpdateDate")),
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

  private static String stableId(MessageDigest sha256, String arn) {
    byte[] d = sha256.digest(arn.getBytes(StandardCharsets.UTF_8));
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder b = new StringBuilder("ANPA");
    for (int i = 0; i < Ids.ENTITY_SUFFIX_LENGTH; i++) {
      b.append(alphabet.charAt((d[i] & 0xff) % 32));
    }
    return b.toString();
  }

  /** All AWS managed policies, ordered by name. */
  public List<AwsManagedPolicy> all() {
    return contents().all();
  }

  public Optional<AwsManagedPolicy> byArn(String arn) {
    return Optional.ofNullable(contents().byArn().get(arn));
  }

  public int size() {
    return contents().all().size();
  }
}
