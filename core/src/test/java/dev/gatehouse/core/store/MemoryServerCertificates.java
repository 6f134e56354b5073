package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.ServerCertificate;
import dev.gatehouse.core.store.MemoryStore.State;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Server certificates of a {@link MemoryStore} state. */
final class MemoryServerCertificates implements ServerCertificateWrites {
  private final State s;

  MemoryServerCertificates(State s) {
    this.s = s;
  }

  private static String lower(String x) {
    return x.toLowerCase(Locale.ROOT);
  }

  @Override
  public Optional<ServerCertificate> serverCertificate(String accountId, String name) {
    return s.serverCertificates.values().stream()
        .filter(c -> c.accountId().equals(accountId) && lower(c.name()).equals(lower(name)))
        .findFirst();
  }

  @Override
  public List<ServerCertificate> serverCertificates(String accountId, String pathPrefix) {
    return s.serverCertificates.values().stream()
        .filter(c -> c.accountId().equals(accountId) && c.path().startsWith(pathPrefix))
        .sorted(Comparator.comparing(c -> lower(c.name())))
        .toList();
  }

  @Override
  public int serverCertificateCount(String accountId) {
    return serverCertificates(accountId, "/").size();
  }

  @Override
  public void createServerCertificate(ServerCertificate certificate) {
    if (serverCertificate(certificate.accountId(), certificate.name()).isPresent()) {
      throw new StoreConflict("duplicate server certificate name", null);
    }
    s.serverCertificates.put(certificate.id(), certificate);
  }

  @Override
  public void renameServerCertificate(ServerCertificate certificate) {
    Optional<ServerCertificate> other =
        serverCertificate(certificate.accountId(), certificate.name());
    if (other.isPresent() && !other.get().id().equals(certificate.id())) {
      throw new StoreConflict("duplicate server certificate name", null);
    }
    ServerCertificate old = s.serverCertificates.get(certificate.id());
    if (old != null) {
      s.serverCertificates.put(old.id(), old.renamed(certificate.path(), certificate.name()));
    }
  }

  @Override
  public boolean deleteServerCertificate(String accountId, String name) {
    Optional<ServerCertificate> c = serverCertificate(accountId, name);
    c.ifPresent(
        found -> {
          s.tags.remove(found.id());
          s.serverCertificates.remove(found.id());
        });
    return c.isPresent();
  }
}
