package dev.gatehouse.core.managed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.domain.Arns;
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

  static ManagedPolicyCatalogue load() {
    ObjectMapper json = new ObjectMapper();
    try (InputStream raw = ManagedPolicyCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      JsonNode root = json.readTree(new GZIPInputStream(raw));
      List<AwsManagedPolicy> out = new ArrayList<>();
      for (JsonNode p : root.get("policies")) {
        String name = p.get("PolicyName").asText();
        String path = p.get("Path").asText();
        String arn = Arns.policy(Arns.AWS_ACCOUNT, path, name);
        if (!arn.equals(p.get("Arn").asText())) {
          throw new IllegalStateException("catalogue ARN mismatch for " + name);
        }
        ManagedPolicy policy =
            new ManagedPolicy(
                Arns.AWS_ACCOUNT,
                name,
                stableId(arn),
                path,
                p.get("DefaultVersionId").asText(),
                "",
                Instant.parse(p.get("CreateDate").asText()),
                Instant.parse(p.get("UpdateDate").asText()),
                true,
                0);
        out.add(new AwsManagedPolicy(policy, json.writeValueAsString(p.get("Document"))));
      }
      out.sort(Comparator.comparing(a -> a.policy().name()));
      return new ManagedPolicyCatalogue(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load " + RESOURCE, e);
    }
  }

  private static String stableId(String arn) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
      StringBuilder b = new StringBuilder("ANPA");
      for (int i = 0; i < 16; i++) {
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
