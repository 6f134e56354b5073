package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyLastUsed;
import dev.gatehouse.core.domain.AccessKeyOwner;
import java.util.List;
import java.util.Optional;

/** Reads of the store port: Access keys, their sealed secrets and last use. */
public interface KeyReads {
  Optional<AccessKey> accessKey(String accessKeyId);

  /** The sealed secret of an access key, as stored. */
  Optional<String> sealedSecret(String accessKeyId);

  List<AccessKey> accessKeys(String accountId, AccessKeyOwner owner);

  Optional<AccessKeyLastUsed> accessKeyLastUsed(String accessKeyId);
}
