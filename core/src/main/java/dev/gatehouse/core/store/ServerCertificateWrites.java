package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.ServerCertificate;

/**
 * Writes of the store port: server certificates. Persistence only (see {@link WriteTransaction}).
 */
public interface ServerCertificateWrites extends ServerCertificateReads {
  /** Throws {@link StoreConflict} when the account has a certificate of that name already. */
  void createServerCertificate(ServerCertificate certificate);

  /**
   * Moves the certificate with {@code certificate.id()} to its new path and name; {@link
   * StoreConflict} when the new name is taken.
   */
  void renameServerCertificate(ServerCertificate certificate);

  /** Deletes a certificate and its tags; false when the account has none with that name. */
  boolean deleteServerCertificate(String accountId, String name);
}
