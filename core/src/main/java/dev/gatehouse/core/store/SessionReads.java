package dev.gatehouse.core.store;

import dev.gatehouse.core.sts.SessionRevocation;
import java.util.List;

/** Reads of the store port: STS session revocations. */
public interface SessionReads {
  /** Every stored session revocation (all accounts), ordered by kind and id. */
  List<SessionRevocation> sessionRevocations();
}
