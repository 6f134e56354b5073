package dev.gatehouse.sigv4;

import java.util.Objects;

/**
 * How the {@link Signer} signs, mirroring the flags of the aws-c-auth suite.
 *
 * @param pathStyle {@link PathStyle#NORMALIZED} for every service but S3
 * @param signSessionToken whether the session token is added before signing (and so signed); false
 *     appends it afterwards ({@code omit_session_token})
 * @param addContentSha256 whether to add and sign {@code x-amz-content-sha256} in header mode
 *     ({@code sign_body})
 */
public record SignerOptions(
    PathStyle pathStyle, boolean signSessionToken, boolean addContentSha256) {
  /** What AWS SDKs do for IAM and STS. */
  public static final SignerOptions DEFAULT = new SignerOptions(PathStyle.NORMALIZED, true, false);

  public SignerOptions {
    Objects.requireNonNull(pathStyle, "pathStyle");
  }
}
