package dev.gatehouse.core.snapshot;

import dev.gatehouse.policy.CompiledPolicy;
import java.util.Objects;

/**
 * A policy that applies to a principal, compiled once when the snapshot is built, with where it
 * comes from: a managed policy's ARN ({@code arn:aws:iam::...:policy/...}) or an inline policy
 * ({@code user/NAME/POLICY}, {@code group/NAME/POLICY}, {@code role/NAME/POLICY}).
 */
public record PolicyDocument(String source, String json, CompiledPolicy compiled) {
  public PolicyDocument {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(compiled, "compiled");
  }
}
