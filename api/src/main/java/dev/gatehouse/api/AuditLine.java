package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.authz.Principal;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Renders an audit record as its JSON line, with room for the chain's field ({@link AuditChain}).
 *
 * <p>Each thread keeps one buffer and one Jackson generator across its records: a generator made
 * per record (its context, buffers and codec set-up), its call per field, and the copies of the
 * line into a new array, then into the linked one, cost more than the JSON itself. The record's
 * fixed parts (names, punctuation, constant values) are pre-encoded bytes, and a string of
 * printable ASCII without a quote or backslash (most values) is copied as it is, which is what
 * Jackson writes for it; any other string, the request parameters and the trees are written by the
 * generator as root values with no separator, flushed into the same buffer. The bytes are those of
 * a fresh generator writing each field by name ({@code AuditLineTest} holds the two together).
 */
final class AuditLine {
  /** A buffer grown past this by a large record is not kept for the thread's next record. */
  private static final int KEPT_BUFFER = 64 * 1024;

  private static final byte[] FIELD_START =
      (",\"" + AuditChain.FIELD + "\":\"").getBytes(StandardCharsets.US_ASCII);

  private static final byte[] FIELD_END = "\"}\n".getBytes(StandardCharsets.US_ASCII);

  /** The length of the previous line's hash (SHA-256, hex). */
  static final int HASH_LENGTH = 64;

  private static final ThreadLocal<Encoder> ENCODERS = new ThreadLocal<>();

  private static final byte[] START =
      ascii("{\"eventVersion\":\"" + AuditLog.EVENT_VERSION + "\",\"userIdentity\":{");
  private static final byte[] TYPE = ascii("\"type\":");
  private static final byte[] TYPE_UNKNOWN = ascii("\"type\":\"Unknown\"");
  private static final byte[] TYPE_SERVICE = ascii("\"type\":\"AWSService\"");
  private static final byte[] ACCESS_KEY_ID = ascii(",\"accessKeyId\":");
  private static final byte[] PRINCIPAL_ID = ascii(",\"principalId\":");
  private static final byte[] ARN = ascii(",\"arn\":");
  private static final byte[] ACCOUNT_ID = ascii(",\"accountId\":");
  private static final byte[] USER_NAME = ascii(",\"userName\":");
  private static final byte[] IDENTITY_PROVIDER = ascii(",\"identityProvider\":");
  private static final byte[] INVOKED_BY = ascii(",\"invokedBy\":");
  private static final byte[] EVENT_TIME = ascii("},\"eventTime\":");
  private static final byte[] EVENT_SOURCE = ascii(",\"eventSource\":");
  private static final byte[] EVENT_NAME = ascii(",\"eventName\":");
  private static final byte[] AWS_REGION = ascii(",\"awsRegion\":");
  private static final byte[] SOURCE_IP = ascii(",\"sourceIPAddress\":");
  private static final byte[] USER_AGENT = ascii(",\"userAgent\":");
  private static final byte[] ERROR_CODE = ascii(",\"errorCode\":");
  private static final byte[] ERROR_MESSAGE = ascii(",\"errorMessage\":");
  private static final byte[] REQUEST_PARAMETERS = ascii(",\"requestParameters\":");
  private static final byte[] RESPONSE_ELEMENTS = ascii(",\"responseElements\":");
  private static final byte[] NO_RESPONSE_ELEMENTS = ascii(",\"responseElements\":null");
  private static final byte[] SERVICE_EVENT_DETAILS =
      ascii(",\"responseElements\":null,\"serviceEventDetails\":");
  private static final byte[] REQUEST_ID = ascii(",\"requestID\":");
  private static final byte[] EVENT_ID = ascii(",\"eventID\":");
  private static final byte[] READ_ONLY = ascii(",\"readOnly\":true");
  private static final byte[] WRITE = ascii(",\"readOnly\":false");
  private static final byte[] SERVICE_EVENT = ascii(",\"eventType\":\"AwsServiceEvent\"");
  private static final byte[] API_CALL = ascii(",\"eventType\":\"AwsApiCall\"");
  private static final byte[] RESOURCES = ascii(",\"resources\":[");
  private static final byte[] RESOURCE_ARN = ascii(",\"ARN\":");
  private static final byte[] MANAGEMENT_EVENT = ascii(",\"managementEvent\":true");
  private static final byte[] DATA_EVENT = ascii(",\"managementEvent\":false");
  private static final byte[] RECIPIENT_ACCOUNT_ID = ascii(",\"recipientAccountId\":");
  private static final byte[] DATA = ascii(",\"eventCategory\":\"Data\"}");
  private static final byte[] MANAGEMENT = ascii(",\"eventCategory\":\"Management\"}");
  private static final byte[] NULL = ascii("null");

  /** The bytes of one rendered line; valid until its thread renders the next record. */
  final byte[] bytes;

  /** Where the previous line's hash goes ({@link #HASH_LENGTH} bytes). */
  final int hashAt;

  /** The line's length, its newline included. */
  final int length;

  private AuditLine(byte[] bytes, int hashAt, int length) {
    this.bytes = bytes;
    this.hashAt = hashAt;
    this.length = length;
  }

  /** Puts the previous line's hash (lower-case hex, ASCII) into the line. */
  void link(byte[] previous) {
    System.arraycopy(previous, 0, bytes, hashAt, HASH_LENGTH);
  }

  /** The line's bytes as written, copied. */
  byte[] copy() {
    return Arrays.copyOf(bytes, length);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** The Jackson set-up, made by the first record rather than at start (tens of milliseconds). */
  private static final class Json {
    /**
     * Buffers are not borrowed from Jackson's per-thread recycler: a generator kept by a thread
     * would hold them, and the thread's other generators (JSON answers) would allocate new ones.
     */
    static final ObjectMapper MAPPER =
        new ObjectMapper(
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.nonRecyclingPool()).build());
  }

  /** A thread's generator and the buffer it writes to. */
  private static final class Encoder extends OutputStream {
    final JsonGenerator g;
    byte[] buffer = new byte[2048];
    int count;
    boolean busy;

    Encoder() throws IOException {
      g = Json.MAPPER.getFactory().createGenerator(this);
      g.setRootValueSeparator(null); // one value after the other, nothing between
    }

    @Override
    public void write(int b) {
      ensure(1);
      buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buffer, count, len);
      count += len;
    }

    void raw(byte[] bytes) {
      write(bytes, 0, bytes.length);
    }

    /** {@code name} (with its comma and colon) and the value. */
    void field(byte[] name, String value) throws IOException {
      raw(name);
      string(value);
    }

    /**
     * A JSON string, or null. Printable ASCII without a quote or backslash is what Jackson writes
     * as it is; anything else goes through the generator, as one root value.
     */
    void string(String value) throws IOException {
      if (value == null) {
        raw(NULL);
        return;
      }
      int length = value.length();
      ensure(length + 2);
      byte[] b = buffer;
      int at = count;
      b[at++] = '"';
      for (int i = 0; i < length; i++) {
        char c = value.charAt(i);
        if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
          g.writeString(value);
          g.flush();
          return;
        }
        b[at++] = (byte) c;
      }
      b[at++] = '"';
      count = at;
    }

    /** A tree (or null) as the generator writes it. */
    void tree(JsonNode node) throws IOException {
      g.writeTree(node);
      g.flush();
    }

    private void ensure(int more) {
      if (count + more > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + more));
      }
    }
  }

  /**
   * Renders the record: the JSON object without its closing brace, then {@code
   * ,"previousLineSha256":"}, room for the hash, {@code "}} and a newline.
   */
  static AuditLine render(AuditEvent e, String eventId) throws IOException {
    Encoder encoder = ENCODERS.get();
    boolean kept = encoder != null && !encoder.busy;
    if (!kept) {
      encoder = new Encoder();
      if (ENCODERS.get() == null) {
        ENCODERS.set(encoder);
        kept = true;
      }
    }
    encoder.busy = true;
    boolean done = false;
    try {
      encoder.count = 0;
      write(encoder, e, eventId);
      encoder.count--; // the closing brace comes after the chain's field
      encoder.write(FIELD_START, 0, FIELD_START.length);
      int hashAt = encoder.count;
      encoder.ensure(HASH_LENGTH);
      encoder.count += HASH_LENGTH;
      encoder.write(FIELD_END, 0, FIELD_END.length);
      AuditLine line = new AuditLine(encoder.buffer, hashAt, encoder.count);
      if (encoder.buffer.length > KEPT_BUFFER) {
        encoder.buffer = new byte[2048];
      }
      done = true;
      return line;
    } finally {
      encoder.busy = false;
      if (!done && kept) {
        // A generator left inside a half-written record must not write the next one.
        ENCODERS.remove();
      }
    }
  }

  private static void write(Encoder out, AuditEvent e, String eventId) throws IOException {
    out.raw(START);
    // Java 17: no type patterns in switch; the cases are the sealed interface's permits.
    if (e.identity() instanceof AuditEvent.Identity.Unknown u) {
      out.raw(TYPE_UNKNOWN);
      if (!u.claimedAccessKeyId().isEmpty()) {
        out.field(ACCESS_KEY_ID, u.claimedAccessKeyId());
      }
    } else if (e.identity() instanceof AuditEvent.Identity.Known k) {
      Principal p = k.principal();
      out.raw(TYPE);
      out.string(p.trailType());
      out.field(PRINCIPAL_ID, p.principalId());
      out.field(ARN, p.arn());
      out.field(ACCOUNT_ID, p.accountId());
      out.field(ACCESS_KEY_ID, k.accessKeyId());
      if (p instanceof Principal.User user) {
        out.field(USER_NAME, user.userName());
      }
    } else if (e.identity() instanceof AuditEvent.Identity.Federated f) {
      out.raw(TYPE);
      out.string(f.caller().type());
      out.field(PRINCIPAL_ID, f.caller().principalId());
      out.field(USER_NAME, f.caller().userName());
      out.field(IDENTITY_PROVIDER, f.caller().identityProvider());
    }
    boolean service = e.identity() instanceof AuditEvent.Identity.Service;
    if (e.identity() instanceof AuditEvent.Identity.Service s) {
      out.raw(TYPE_SERVICE);
      out.field(ACCOUNT_ID, s.accountId());
      out.field(INVOKED_BY, e.eventSource());
    }
    out.field(EVENT_TIME, XmlWriter.iso(e.eventTime()));
    out.field(EVENT_SOURCE, e.eventSource());
    out.field(EVENT_NAME, e.eventName());
    out.field(AWS_REGION, e.region());
    out.field(SOURCE_IP, e.sourceIp());
    out.field(USER_AGENT, e.userAgent());
    var error = e.failure().error();
    if (error.isPresent()) {
      out.field(ERROR_CODE, error.get().code());
      out.field(ERROR_MESSAGE, error.get().message());
    }
    out.raw(REQUEST_PARAMETERS);
    e.requestParameters().write(out.g);
    out.g.flush();
    if (service) {
      out.raw(SERVICE_EVENT_DETAILS);
      out.tree(e.responseElements());
    } else if (e.responseElements().isEmpty()) {
      out.raw(NO_RESPONSE_ELEMENTS);
    } else {
      out.raw(RESPONSE_ELEMENTS);
      out.tree(e.responseElements());
    }
    out.field(REQUEST_ID, e.requestId());
    out.field(EVENT_ID, eventId);
    out.raw(e.readOnly() ? READ_ONLY : WRITE);
    out.raw(service ? SERVICE_EVENT : API_CALL);
    if (!e.resources().isEmpty()) {
      out.raw(RESOURCES);
      boolean first = true;
      for (AuditResource r : e.resources()) {
        if (!first) {
          out.write(',');
        }
        out.write('{');
        first = false;
        out.raw(TYPE);
        out.string(r.type());
        out.field(RESOURCE_ARN, r.arn());
        if (!r.accountId().isEmpty()) {
          out.field(ACCOUNT_ID, r.accountId());
        }
        out.write('}');
      }
      out.write(']');
    }
    out.raw(e.dataEvent() ? DATA_EVENT : MANAGEMENT_EVENT);
    out.field(RECIPIENT_ACCOUNT_ID, e.recipientAccountId());
    out.raw(e.dataEvent() ? DATA : MANAGEMENT);
  }
}
