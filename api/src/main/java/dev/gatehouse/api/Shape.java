package dev.gatehouse.api;

import java.time.Instant;

/**
 * Where a response encoder writes an AWS output shape: structures, lists of members and scalar
 * fields. The same encoder feeds the XML response (Query protocol) and the audit record's
 * responseElements (CloudTrail JSON), so the two cannot disagree.
 */
public interface Shape {
  /** Opens a structure member named {@code name}; close with {@link #end()}. */
  Shape start(String name);

  /** Opens a list named {@code name}; add entries with {@link #member()}, close with end. */
  Shape startList(String name);

  /** Opens one structure entry of the current list; close with {@link #end()}. */
  Shape member();

  /** Adds one scalar entry of the current list. */
  Shape member(String value);

  Shape end();

  Shape field(String name, String value);

  Shape field(String name, boolean value);

  Shape field(String name, long value);

  /** ISO-8601 UTC, whole seconds. */
  Shape field(String name, Instant value);

  /** A secret (SecretAccessKey, a password): written to the client, never to the audit record. */
  Shape secret(String name, String value);
}
