package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.ServiceAccess;

/**
 * Writes of the store port: access advisor's last access. Persistence only (see {@link
 * WriteTransaction}).
 */
public interface ServiceAccessWrites extends ServiceAccessReads {
  /**
   * Keeps {@code access} as the record of its account, entity, service and action unless the one
   * kept is later (records from several nodes arrive in any order).
   */
  void recordServiceAccess(ServiceAccess access);
}
