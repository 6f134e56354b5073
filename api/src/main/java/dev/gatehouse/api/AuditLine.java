package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.authz.Principal;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Renders an audit record as its JSON line, with room for the chain's field ({@link AuditChain}).
 *
 * <p>Each thread keeps one Jackson generator and one buffer across its records: a generator made
 * per record (its context, buffers and codec set-up) and the copies of the line into a new array,
 * then into the linked one, cost more than writing the fields. The generator writes one root object
 * per record with no separator between them; field names and constant values are pre-encoded. The
 * bytes are those of a fresh generator writing each field by name ({@code AuditLineTest} holds the
 * two together).
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

  private static final SerializedString EVENT_VERSION = name("eventVersion");
  private static final SerializedString VERSION = name(AuditLog.EVENT_VERSION);
  private static final SerializedString USER_IDENTITY = name("userIdentity");
  private static final SerializedString TYPE = name("type");
  private static final SerializedString ACCESS_KEY_ID = name("accessKeyId");
  private static final SerializedString PRINCIPAL_ID = name("principalId");
  private static final SerializedString ARN = name("arn");
  private static final SerializedString ACCOUNT_ID = name("accountId");
  private static final SerializedString USER_NAME = name("userName");
  private static final SerializedString IDENTITY_PROVIDER = name("identityProvider");
  private static final SerializedString INVOKED_BY = name("invokedBy");
  private static final SerializedString EVENT_TIME = name("eventTime");
  private static final SerializedString EVENT_SOURCE = name("eventSource");
  private static final SerializedString EVENT_NAME = name("eventName");
  private static final SerializedString AWS_REGION = name("awsRegion");
  private static final SerializedString SOURCE_IP = name("sourceIPAddress");
  private static final SerializedString USER_AGENT = name("userAgent");
  private static final SerializedString ERROR_CODE = name("errorCode");
  private static final SerializedString ERROR_MESSAGE = name("errorMessage");
  private static final SerializedString REQUEST_PARAMETERS = name("requestParameters");
  private static final SerializedString RESPONSE_ELEMENTS = name("responseElements");
  private static final SerializedString SERVICE_EVENT_DETAILS = name("serviceEventDetails");
  private static final SerializedString REQUEST_ID = name("requestID");
  private static final SerializedString EVENT_ID = name("eventID");
  private static final SerializedString READ_ONLY = name("readOnly");
  private static final SerializedString EVENT_TYPE = name("eventType");
  private static final SerializedString RESOURCES = name("resources");
  private static final SerializedString RESOURCE_ARN = name("ARN");
  private static final SerializedString MANAGEMENT_EVENT = name("managementEvent");
  private static final SerializedString RECIPIENT_ACCOUNT_ID = name("recipientAccountId");
  private static final SerializedString EVENT_CATEGORY = name("eventCategory");
  private static final SerializedString UNKNOWN = name("Unknown");
  private static final SerializedString AWS_SERVICE = name("AWSService");
  private static final SerializedString SERVICE_EVENT = name("AwsServiceEvent");
  private static final SerializedString API_CALL = name("AwsApiCall");
  private static final SerializedString DATA = name("Data");
  private static final SerializedString MANAGEMENT = name("Management");

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

  private static SerializedString name(String value) {
    return new SerializedString(value);
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
      g.setRootValueSeparator(null); // one record after the other, nothing between
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
      write(encoder.g, e, eventId);
      encoder.g.flush();
      if (encoder.count < 2 || encoder.buffer[encoder.count - 1] != '}') {
        throw new IllegalStateException("an audit record renders as one JSON object");
      }
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

  private static void write(JsonGenerator g, AuditEvent e, String eventId) throws IOException {
    g.writeStartObject();
    g.writeFieldName(EVENT_VERSION);
    g.writeString(VERSION);
    g.writeFieldName(USER_IDENTITY);
    g.writeStartObject();
    // Java 17: no type patterns in switch; the cases are the sealed interface's permits.
    if (e.identity() instanceof AuditEvent.Identity.Unknown u) {
      g.writeFieldName(TYPE);
      g.writeString(UNKNOWN);
      if (!u.claimedAccessKeyId().isEmpty()) {
        field(g, ACCESS_KEY_ID, u.claimedAccessKeyId());
      }
    } else if (e.identity() instanceof AuditEvent.Identity.Known k) {
      Principal p = k.principal();
      field(g, TYPE, p.trailType());
      field(g, PRINCIPAL_ID, p.principalId());
      field(g, ARN, p.arn());
      field(g, ACCOUNT_ID, p.accountId());
      field(g, ACCESS_KEY_ID, k.accessKeyId());
      if (p instanceof Principal.User user) {
        field(g, USER_NAME, user.userName());
      }
    } else if (e.identity() instanceof AuditEvent.Identity.Federated f) {
      field(g, TYPE, f.caller().type());
      field(g, PRINCIPAL_ID, f.caller().principalId());
      field(g, USER_NAME, f.caller().userName());
      field(g, IDENTITY_PROVIDER, f.caller().identityProvider());
    }
    boolean service = e.identity() instanceof AuditEvent.Identity.Service;
    if (e.identity() instanceof AuditEvent.Identity.Service s) {
      g.writeFieldName(TYPE);
      g.writeString(AWS_SERVICE);
      field(g, ACCOUNT_ID, s.accountId());
      field(g, INVOKED_BY, e.eventSource());
    }
    g.writeEndObject();
    field(g, EVENT_TIME, XmlWriter.iso(e.eventTime()));
    field(g, EVENT_SOURCE, e.eventSource());
    field(g, EVENT_NAME, e.eventName());
    field(g, AWS_REGION, e.region());
    field(g, SOURCE_IP, e.sourceIp());
    field(g, USER_AGENT, e.userAgent());
    var error = e.failure().error();
    if (error.isPresent()) {
      field(g, ERROR_CODE, error.get().code());
      field(g, ERROR_MESSAGE, error.get().message());
    }
    g.writeFieldName(REQUEST_PARAMETERS);
    e.requestParameters().write(g);
    g.writeFieldName(RESPONSE_ELEMENTS);
    if (service) {
      g.writeNull();
      g.writeFieldName(SERVICE_EVENT_DETAILS);
      g.writeTree(e.responseElements());
    } else if (e.responseElements().isEmpty()) {
      g.writeNull();
    } else {
      g.writeTree(e.responseElements());
    }
    field(g, REQUEST_ID, e.requestId());
    field(g, EVENT_ID, eventId);
    g.writeFieldName(READ_ONLY);
    g.writeBoolean(e.readOnly());
    g.writeFieldName(EVENT_TYPE);
    g.writeString(service ? SERVICE_EVENT : API_CALL);
    if (!e.resources().isEmpty()) {
      g.writeFieldName(RESOURCES);
      g.writeStartArray();
      for (AuditResource r : e.resources()) {
        g.writeStartObject();
        field(g, TYPE, r.type());
        field(g, RESOURCE_ARN, r.arn());
        if (!r.accountId().isEmpty()) {
          field(g, ACCOUNT_ID, r.accountId());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeFieldName(MANAGEMENT_EVENT);
    g.writeBoolean(!e.dataEvent());
    field(g, RECIPIENT_ACCOUNT_ID, e.recipientAccountId());
    g.writeFieldName(EVENT_CATEGORY);
    g.writeString(e.dataEvent() ? DATA : MANAGEMENT);
    g.writeEndObject();
  }

  /** {@code writeStringField} with a pre-encoded name. */
  private static void field(JsonGenerator g, SerializedString name, String value)
      throws IOException {
    g.writeFieldName(name);
    g.writeString(value);
  }
}
