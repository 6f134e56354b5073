package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyLastUsed;
import dev.gatehouse.core.domain.AccessKeyStatus;

/**
 * Writes of the store port: Access keys, their sealed secrets and last use. Persistence only (see
 * {@link WriteTransaction}).
 */
public interface KeyWrites extends KeyReads {
  void createAccessKey(AccessKey key, String sealedSecret);

  /** Returns false when there is no such key. */
  boolean updateAccessKeyStatus(String accessKeyId, AccessKeyStatus status);

  /** Returns false when there is no such key. */
  boolean deleteAccessKey(String accessKeyId);

  /** Returns false when there is no such key. */
  boolean recordAccessKeyUse(String accessKeyId, AccessKeyLastUsed lastUsed);
}
