package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.ServerCertificate;
import java.util.List;
import java.util.Optional;

/** Reads of the store port: server certificates. */
public interface ServerCertificateReads {
  /** A server certificate by name, compared case-insensitively like other IAM names. */
  Optional<ServerCertificate> serverCertificate(String accountId, String name);

  /** The account's server certificates whose path starts with {@code pathPrefix}, by name. */
  List<ServerCertificate> serverCertificates(String accountId, String pathPrefix);

  /** How many server certificates the account has (a COUNT, for the quota). */
  int serverCertificateCount(String accountId);
}
