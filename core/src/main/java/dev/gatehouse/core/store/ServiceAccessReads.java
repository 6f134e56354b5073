package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.ServiceAccess;
import java.util.List;

/** Reads of the store port: access advisor's last access per entity, service and action. */
public interface ServiceAccessReads {
  /** Every record of the account, in no particular order. */
  List<ServiceAccess> serviceAccess(String accountId);
}
