package dev.gatehouse.core.snapshot;

import java.util.Objects;

/**
 * A policy that applies to a principal, with where it comes from: a managed policy's ARN ({@code
 * arn:aws:iam::...:policy/...}) or an inline policy ({@code user/NAME/POLICY}, {@code
 * group/NAME/POLICY}, {@code role/NAME/POLICY}), for explanations.
 */
public record PolicyDocument(String source, String json) {
  public PolicyDocument {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(json, "json");
  }
}
