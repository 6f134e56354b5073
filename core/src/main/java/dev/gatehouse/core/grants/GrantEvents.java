package dev.gatehouse.core.grants;

/**
 * Told of each committed step of an access request (notifications). Must not block: it is called on
 * the request path.
 */
@FunctionalInterface
public interface GrantEvents {
  void happened(GrantEvent event);

  /** Ignores every event. */
  static GrantEvents none() {
    return event -> {};
  }
}
