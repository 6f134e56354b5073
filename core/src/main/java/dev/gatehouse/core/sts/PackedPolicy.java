package dev.gatehouse.core.sts;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;

/**
 * The {@code PackedPolicySize} of a session: how much of the allotted space its session policies
 * and session tags take, as a percentage, and AWS's {@code PackedPolicyTooLarge} above 100%.
 *
 * <p>AWS: "An AWS conversion compresses the passed inline session policy, managed policy ARNs, and
 * session tags into a packed binary format that has a separate limit. Your request can fail for
 * this limit even if your plaintext meets the other requirements. The PackedPolicySize response
 * element indicates by percentage how close the policies and tags for your request are to the upper
 * size limit." The format and limit are not public, so Gatehouse uses its own model (listed in
 * DEVIATIONS.md):
 *
 * <ol>
 *   <li>Plaintext: the inline policy's characters plus the managed policy ARNs' characters against
 *       2,048 (spec: "The plaintext that you use for both inline and managed session policies can't
 *       exceed 2,048 characters").
 *   <li>Packed: the inline policy with whitespace outside strings removed, each managed policy ARN,
 *       each tag key and value and each transitive key, NUL-separated in UTF-8 and compressed with
 *       raw DEFLATE at the best level, against {@link #PACKED_LIMIT_BYTES}.
 * </ol>
 *
 * The size is the larger of the two percentages, rounded up. With nothing passed it is 0.
 */
public final class PackedPolicy {

  /** The plaintext limit of inline plus managed session policies, in characters. */
  public static final int PLAINTEXT_LIMIT_CHARS = 2048;

  /** The packed (compressed) limit, in bytes. */
  public static final int PACKED_LIMIT_BYTES = 2048;

  private PackedPolicy() {}

  /** The percentage of the allotted space used (may exceed 100). */
  public static int percent(
      SessionPolicies policies, List<SessionTag> tags, List<String> transitiveTagKeys) {
    if (!policies.isPresent() && tags.isEmpty() && transitiveTagKeys.isEmpty()) {
      return 0;
    }
    long plain = policies.inlinePolicy().codePointCount(0, policies.inlinePolicy().length());
    for (String arn : policies.managedPolicyArns()) {
      plain += arn.codePointCount(0, arn.length());
    }
    int packed = packedBytes(policies, tags, transitiveTagKeys);
    return (int)
        Math.max(
            ceilPercent(plain, PLAINTEXT_LIMIT_CHARS), ceilPercent(packed, PACKED_LIMIT_BYTES));
  }

  /**
   * The percentage, or {@code PackedPolicyTooLarge} when above 100.
   *
   * @throws GatehouseException {@code PackedPolicyTooLarge}: "Packed policy consumes N% of allotted
   *     space, please use smaller policy." (AWS's wording)
   */
  public static int check(
      SessionPolicies policies, List<SessionTag> tags, List<String> transitiveTagKeys) {
    int percent = percent(policies, tags, transitiveTagKeys);
    if (percent > 100) {
      // AWS words it by what was passed: "Packed size of session tags consumes 112% of allotted
      // space." (aws/containers-roadmap#2413) when only tags were.
      String message =
          policies.isPresent()
              ? "Packed policy consumes "
                  + percent
                  + "% of allotted space, please use smaller"
                  + " policy."
              : "Packed size of session tags consumes " + percent + "% of allotted space.";
      throw new GatehouseException(ErrorCode.PACKED_POLICY_TOO_LARGE, message);
    }
    return percent;
  }

  static int packedBytes(
      SessionPolicies policies, List<SessionTag> tags, List<String> transitiveTagKeys) {
    StringBuilder plain = new StringBuilder(minify(policies.inlinePolicy()));
    for (String arn : policies.managedPolicyArns()) {
      plain.append('\0').append(arn);
    }
    for (SessionTag t : tags) {
      plain.append('\0').append(t.key()).append('\0').append(t.value());
    }
    for (String k : transitiveTagKeys) {
      plain.append('\0').append(k);
    }
    byte[] input = plain.toString().getBytes(StandardCharsets.UTF_8);
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(input);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      while (!deflater.finished()) {
        int n = deflater.deflate(buffer);
        out.write(buffer, 0, n);
      }
      return out.size();
    } finally {
      deflater.end();
    }
  }

  /** JSON text without whitespace outside string literals; other characters kept as they are. */
  static String minify(String json) {
    StringBuilder out = new StringBuilder(json.length());
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        out.append(c);
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
        out.append(c);
      } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static long ceilPercent(long used, long limit) {
    return (used * 100 + limit - 1) / limit;
  }
}
