package dev.gatehouse.core.sts;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary form of {@link SessionClaims} inside a session token (the plaintext that
 * AES-GCM seals). Not Java serialization: a fixed field order, unsigned LEB128 lengths and counts,
 * UTF-8 strings, 64-bit epoch seconds, one byte for small enums. Decoding is strict: unknown tags,
 * malformed UTF-8, lengths beyond the input and trailing bytes all fail.
 *
 * <p>Field order (format 1): principal kind, session id, partition, account id, principal fields
 * (role: ARN, id, session name; federated: user ARN, user id, name; user session: user ARN, user
 * id), origin id, source identity, issued at, expires at, MFA flag [+ auth time], inline policy,
 * managed policy ARNs, tags (key, value), transitive tag keys, chain depth, access key id, secret.
 */
final class ClaimsCodec {

  private static final int KIND_ASSUMED_ROLE = 1;
  private static final int KIND_FEDERATED_USER = 2;
  private static final int KIND_USER_SESSION = 3;

  private ClaimsCodec() {}

  static byte[] encode(SessionClaims c) {
    Writer w = new Writer();
    SessionPrincipal p = c.principal();
    if (p instanceof SessionPrincipal.AssumedRole r) {
      w.u8(KIND_ASSUMED_ROLE);
      w.header(c);
      w.str(r.roleArn()).str(r.roleId()).str(r.sessionName());
    } else if (p instanceof SessionPrincipal.FederatedUser f) {
      w.u8(KIND_FEDERATED_USER);
      w.header(c);
      w.str(f.userArn()).str(f.userId()).str(f.name());
    } else {
      SessionPrincipal.UserSession u = (SessionPrincipal.UserSession) p;
      w.u8(KIND_USER_SESSION);
      w.header(c);
      w.str(u.userArn()).str(u.userId());
    }
    w.str(c.originId()).str(c.sourceIdentity());
    w.i64(c.issuedAt().getEpochSecond()).i64(c.expiresAt().getEpochSecond());
    if (c.mfa() instanceof MfaFacts.Present m) {
      w.u8(1).i64(m.authenticatedAt().getEpochSecond());
    } else {
      w.u8(0);
    }
    w.str(c.policies().inlinePolicy()).strings(c.policies().managedPolicyArns());
    w.varint(c.tags().size());
    for (SessionTag t : c.tags()) {
      w.str(t.key()).str(t.value());
    }
    w.strings(c.transitiveTagKeys());
    w.u8(c.chainDepth());
    w.str(c.accessKeyId()).str(c.secretAccessKey());
    return w.out.toByteArray();
  }

  /**
   * Decodes claims.
   *
   * @throws IllegalArgumentException when the bytes are not a well-formed encoding
   */
  static SessionClaims decode(byte[] bytes) {
    Reader r = new Reader(bytes);
    int kind = r.u8();
    String sessionId = r.str();
    String partition = r.str();
    String accountId = r.str();
    SessionPrincipal principal =
        switch (kind) {
          case KIND_ASSUMED_ROLE -> new SessionPrincipal.AssumedRole(r.str(), r.str(), r.str());
          case KIND_FEDERATED_USER -> new SessionPrincipal.FederatedUser(r.str(), r.str(), r.str());
          case KIND_USER_SESSION -> new SessionPrincipal.UserSession(r.str(), r.str());
          default -> throw new IllegalArgumentException("unknown principal kind " + kind);
        };
    String originId = r.str();
    String sourceIdentity = r.str();
    Instant issuedAt = Instant.ofEpochSecond(r.i64());
    Instant expiresAt = Instant.ofEpochSecond(r.i64());
    int mfaFlag = r.u8();
    MfaFacts mfa =
        switch (mfaFlag) {
          case 0 -> MfaFacts.absent();
          case 1 -> MfaFacts.present(Instant.ofEpochSecond(r.i64()));
          default -> throw new IllegalArgumentException("bad MFA flag");
        };
    SessionPolicies policies = new SessionPolicies(r.str(), r.strings());
    int tagCount = r.count();
    List<SessionTag> tags = new ArrayList<>(tagCount);
    for (int i = 0; i < tagCount; i++) {
      tags.add(new SessionTag(r.str(), r.str()));
    }
    List<String> transitive = r.strings();
    int chainDepth = r.u8();
    String accessKeyId = r.str();
    String secret = r.str();
    r.end();
    return new SessionClaims(
        sessionId,
        partition,
        accountId,
        principal,
        originId,
        sourceIdentity,
        issuedAt,
        expiresAt,
        mfa,
        policies,
        tags,
        transitive,
        chainDepth,
        accessKeyId,
        secret);
  }

  private static final class Writer {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    Writer u8(int v) {
      out.write(v);
      return this;
    }

    Writer header(SessionClaims c) {
      return str(c.sessionId()).str(c.partition()).str(c.accountId());
    }

    Writer varint(int v) {
      int x = v;
      while ((x & ~0x7F) != 0) {
        out.write((x & 0x7F) | 0x80);
        x >>>= 7;
      }
      out.write(x);
      return this;
    }

    Writer i64(long v) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (v >>> shift) & 0xFF);
      }
      return this;
    }

    Writer str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint(b.length);
      out.write(b, 0, b.length);
      return this;
    }

    Writer strings(List<String> list) {
      varint(list.size());
      for (String s : list) {
        str(s);
      }
      return this;
    }
  }

  private static final class Reader {
    private final byte[] in;
    private int pos;

    Reader(byte[] in) {
      this.in = in;
    }

    private void need(int n) {
      if (n < 0 || n > in.length - pos) {
        throw new IllegalArgumentException("truncated claims");
      }
    }

    int u8() {
      need(1);
      return in[pos++] & 0xFF;
    }

    int varint() {
      int value = 0;
      for (int shift = 0; shift < 32; shift += 7) {
        int b = u8();
        value |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (value < 0) {
            throw new IllegalArgumentException("length out of range");
          }
          return value;
        }
      }
      throw new IllegalArgumentException("varint too long");
    }

    /** A count of following items; each takes at least one byte, which bounds allocation. */
    int count() {
      int n = varint();
      need(n);
      return n;
    }

    long i64() {
      need(8);
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (in[pos++] & 0xFF);
      }
      return v;
    }

    String str() {
      int n = varint();
      need(n);
      try {
        String s =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(in, pos, n))
                .toString();
        pos += n;
        return s;
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException("malformed UTF-8 in claims", e);
      }
    }

    List<String> strings() {
      int n = count();
      List<String> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(str());
      }
      return list;
    }

    void end() {
      if (pos != in.length) {
        throw new IllegalArgumentException("trailing bytes after claims");
      }
    }
  }
}
