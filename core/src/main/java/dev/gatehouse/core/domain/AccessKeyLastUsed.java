package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;

/** spec: GetAccessKeyLastUsed: LastUsedDate, ServiceName, Region. */
public record AccessKeyLastUsed(Instant date, String serviceName, String region) {
  public AccessKeyLastUsed {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(region, "region");
  }
}
