package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.sts.FederatedCaller;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The audit line's bytes are those of the encoding before {@link AuditLine} ({@link
 * ReferenceAuditRender}, a fresh Jackson generator per record, then the chain's field inserted):
 * over every kind of identity, failure, parameters and tree, strings with escapes, control
 * characters, non-ASCII and lone surrogates, null fields, and runs of records on one thread (the
 * thread's generator is reused). Where the reference fails, the new encoding fails too.
 */
class AuditLineTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String EVENT_ID = "5f0c3d0e-1b5b-4c3a-9d1e-0a1b2c3d4e5f";
  private static final String PREVIOUS = "0123456789abcdef".repeat(4);

  @Property(tries = 600)
  void aRunOfRecordsRendersAsTheReferenceByteForByte(@ForAll("runs") List<AuditEvent> events) {
    for (AuditEvent event : events) {
      assertThat(rendered(event)).isEqualTo(reference(event));
    }
  }

  @Example
  void aRecordThatFailsToRenderLeavesTheNextOneWhole() {
    AuditEvent fine = AuditLogTest.event(AuditLogTest.DAY1, "fine");
    AuditEvent broken = withResponse(fine, null); // fails half-way through the object
    assertThat(rendered(broken)).startsWith("threw ").isEqualTo(reference(broken));
    assertThat(rendered(fine)).isEqualTo(reference(fine)).startsWith("{");
  }

  @Example
  void aRecordLargerThanTheKeptBufferIsWholeAndSoIsTheNext() {
    AuditEvent fine = AuditLogTest.event(AuditLogTest.DAY1, "fine");
    ObjectNode large = NODES.objectNode().put("policyDocument", "\"é\\".repeat(40_000));
    AuditEvent big = withResponse(fine, large);
    AuditLine line = render(big);
    byte[] held = line.copy();
    assertThat(rendered(big)).isEqualTo(reference(big));
    assertThat(rendered(fine)).isEqualTo(reference(fine));
    assertThat(line.copy())
        .as("a large line is not overwritten by the next record")
        .isEqualTo(held);
  }

  private static AuditEvent withResponse(AuditEvent e, ObjectNode response) {
    return new AuditEvent(
        e.eventTime(),
        e.requestId(),
        e.eventSource(),
        e.eventName(),
        e.region(),
        e.sourceIp(),
        e.userAgent(),
        e.identity(),
        e.requestParameters(),
        response,
        e.failure(),
        e.readOnly(),
        e.recipientAccountId(),
        e.resources(),
        e.dataEvent());
  }

  private static AuditLine render(AuditEvent event) {
    try {
      AuditLine line = AuditLine.render(event, EVENT_ID);
      line.link(PREVIOUS.getBytes(StandardCharsets.US_ASCII));
      return line;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The linked line as text (bytes read as Latin-1, one char per byte), or what was thrown. */
  private static String rendered(AuditEvent event) {
    try {
      AuditLine line = AuditLine.render(event, EVENT_ID);
      line.link(PREVIOUS.getBytes(StandardCharsets.US_ASCII));
      return new String(line.copy(), StandardCharsets.ISO_8859_1);
    } catch (Exception e) {
      return "threw " + e.getClass().getName();
    }
  }

  private static String reference(AuditEvent event) {
    try {
      byte[] line =
          ReferenceAuditRender.link(ReferenceAuditRender.render(event, EVENT_ID), PREVIOUS);
      return new String(line, StandardCharsets.ISO_8859_1);
    } catch (Exception e) {
      return "threw " + e.getClass().getName();
    }
  }

  @Provide
  Arbitrary<List<AuditEvent>> runs() {
    return events().list().ofMinSize(1).ofMaxSize(6);
  }

  private static Arbitrary<AuditEvent> events() {
    Arbitrary<Instant> times =
        Arbitraries.oneOf(
            Arbitraries.longs()
                .between(-62_000_000_000L, 260_000_000_000L)
                .map(Instant::ofEpochSecond),
            Arbitraries.of(AuditLogTest.DAY1, Instant.parse("2026-12-07T22:03:33.123456789Z")));
    Arbitrary<AuditEvent.Failure> failures =
        Arbitraries.oneOf(
            Arbitraries.just(new AuditEvent.Failure.None()),
            Combinators.combine(nullable(text()), nullable(text()))
                .as(AuditEvent.Failure.Failed::new));
    Arbitrary<List<AuditResource>> resources =
        Combinators.combine(
                text(), text(), Arbitraries.oneOf(Arbitraries.just(""), text(), account()))
            .as(AuditResource::new)
            .list()
            .ofMaxSize(3);
    Arbitrary<String> fixed = text(); // the four names every record has
    return Combinators.combine(
            times,
            Arbitraries.oneOf(fixed, Arbitraries.just("req-1")),
            Arbitraries.oneOf(fixed, Arbitraries.of("iam.amazonaws.com", "sts.amazonaws.com")),
            Arbitraries.oneOf(fixed, Arbitraries.of("GetUser", "AssumeRole")),
            Combinators.combine(
                    nullable(text()), nullable(text()), nullable(text()), nullable(account()))
                .as(Arrays::asList),
            identities(),
            parameters(),
            Arbitraries.oneOf(Arbitraries.just(NODES.objectNode()), objects(3)))
        .flatAs(
            (time, id, source, name, strings, identity, params, response) ->
                Combinators.combine(
                        failures,
                        Arbitraries.of(true, false),
                        resources,
                        Arbitraries.of(true, false))
                    .as(
                        (failure, readOnly, res, data) ->
                            new AuditEvent(
                                time,
                                id,
                                source,
                                name,
                                strings.get(0),
                                strings.get(1),
                                strings.get(2),
                                identity,
                                params,
                                response,
                                failure,
                                readOnly,
                                strings.get(3),
                                res,
                                data)));
  }

  /** Strings with what JSON escapes, non-ASCII, supplementary characters and lone surrogates. */
  private static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(24),
        Arbitraries.strings().ascii().ofMaxLength(24),
        Arbitraries.strings()
            .withChars("\"\\/\n\r\t\b\f\u0000\u001f\u007f\u00e9\u2028\u20ac\ud83d\ude00")
            .withChars("aZ09 :-_")
            .ofMaxLength(24),
        Arbitraries.of("", "arn:aws:iam::123456789012:user/alice", "AKIAIOSFODNN7EXAMPLE"));
  }

  private static Arbitrary<String> account() {
    return Arbitraries.strings().numeric().ofLength(12);
  }

  private static <T> Arbitrary<T> nullable(Arbitrary<T> values) {
    return values.injectNull(0.15);
  }

  private static Arbitrary<AuditEvent.Identity> identities() {
    Arbitrary<Principal> principals =
        Arbitraries.oneOf(
            account().map(Principal.Root::new),
            Arbitraries.just(new Principal.Anonymous()),
            Combinators.combine(account(), text(), Arbitraries.of("/", "/a/"), text())
                .as(Principal.User::new));
    return Arbitraries.oneOf(
        text().map(AuditEvent.Identity.Unknown::new),
        Combinators.combine(principals, nullable(text())).as(AuditEvent.Identity.Known::new),
        Combinators.combine(
                Arbitraries.of(FederatedCaller.WEB_IDENTITY_USER, FederatedCaller.SAML_USER),
                text(),
                text(),
                text())
            .as((t, p, u, i) -> new AuditEvent.Identity.Federated(new FederatedCaller(t, p, u, i))),
        nullable(account()).map(AuditEvent.Identity.Service::new));
  }

  private static Arbitrary<AuditEvent.Parameters> parameters() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of(
                "UserName",
                "userName",
                "Marker",
                "MaxItems",
                "Action",
                "Version",
                "X-Amz-Date",
                "Password",
                "SecretAccessKey",
                "ARN",
                "Tags.member.1.Key",
                "Tags.member.1.Value",
                "Tags.member.2.Key",
                "PolicyArns.member.1.arn",
                "Policy.Statement",
                "Tags.member.x"),
            text());
    Arbitrary<AuditEvent.Parameters> query =
        Combinators.combine(names, text())
            .as(Map::entry)
            .list()
            .ofMaxSize(6)
            .map(
                entries -> {
                  Map<String, String> map = new LinkedHashMap<>();
                  entries.forEach(e -> map.put(e.getKey(), e.getValue()));
                  return AuditEvent.Parameters.query(QueryParameters.of(map));
                });
    return Arbitraries.oneOf(
        query, objects(3).map(AuditEvent.Parameters::json), Arbitraries.just(g -> g.writeNull()));
  }

  private static Arbitrary<ObjectNode> objects(int depth) {
    Arbitrary<JsonNode> values = depth == 0 ? leaves() : Arbitraries.oneOf(leaves(), nested(depth));
    return Combinators.combine(text(), values)
        .as(Map::entry)
        .list()
        .ofMaxSize(4)
        .map(
            entries -> {
              ObjectNode node = NODES.objectNode();
              entries.forEach(e -> node.set(e.getKey(), e.getValue()));
              return node;
            });
  }

  private static Arbitrary<JsonNode> nested(int depth) {
    Arbitrary<JsonNode> object = objects(depth - 1).map(JsonNode.class::cast);
    Arbitrary<JsonNode> array =
        Arbitraries.oneOf(leaves(), objects(depth - 1).map(JsonNode.class::cast))
            .list()
            .ofMaxSize(4)
            .map(
                items -> {
                  ArrayNode node = NODES.arrayNode();
                  node.addAll(new ArrayList<>(items));
                  return node;
                });
    return Arbitraries.oneOf(object, array);
  }

  private static Arbitrary<JsonNode> leaves() {
    return Arbitraries.oneOf(
        text().map(NODES::textNode),
        Arbitraries.integers().map(NODES::numberNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.doubles()
            .withSpecialValue(Double.NaN)
            .withSpecialValue(Double.POSITIVE_INFINITY)
            .withSpecialValue(-0.0)
            .map(NODES::numberNode),
        Arbitraries.bigDecimals().map(BigDecimal::stripTrailingZeros).map(NODES::numberNode),
        Arbitraries.bigIntegers().map(BigInteger::negate).map(NODES::numberNode),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.just(NODES.nullNode()),
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(8)
            .map(b -> NODES.textNode(Base64.getEncoder().encodeToString(b))),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(NODES::binaryNode));
  }
}
