package dev.gatehouse.core.objects;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GET's {@code Range}: one byte range, as S3 supports (it ignores all but single ranges).
 *
 * <p>spec: RFC 9110 §14.1.2 byte ranges ({@code first-last}, {@code first-}, {@code -suffix}); S3
 * API Reference GetObject: "Amazon S3 doesn't support retrieving multiple ranges of data per GET
 * request"; an unsatisfiable range is {@code 416 InvalidRange}.
 */
public sealed interface ByteRange {
  /** {@code bytes=first-last}; {@code last} past the end means to the end. */
  record FromTo(long first, long last) implements ByteRange {
    public FromTo {
      if (first < 0 || last < first) {
        throw new IllegalArgumentException("a byte range needs 0 <= first <= last");
      }
    }
  }

  /** {@code bytes=first-}. */
  record From(long first) implements ByteRange {
    public From {
      if (first < 0) {
        throw new IllegalArgumentException("a byte range needs first >= 0");
      }
    }
  }

  /** {@code bytes=-length}: the last {@code length} bytes. */
  record Suffix(long length) implements ByteRange {
    public Suffix {
      if (length < 0) {
        throw new IllegalArgumentException("a suffix length is not negative");
      }
    }
  }

  /**
   * The bytes actually served: {@code first} to {@code last} inclusive; for an empty object the
   * whole-object span is {@code 0, -1}.
   */
  record Span(long first, long last) {
    public long length() {
      return last - first + 1;
    }

    /** The whole of an object of {@code size} bytes. */
    public static Span whole(long size) {
      return new Span(0, size - 1);
    }
  }

  /**
   * The span of an object of {@code size} bytes this range selects.
   *
   * @throws ObjectStoreException {@code InvalidRange} when no byte of the object is selected
   */
  default Span resolve(long size) {
    long first;
    long last;
    if (this instanceof FromTo r) {
      first = r.first();
      last = Math.min(r.last(), size - 1);
    } else if (this instanceof From r) {
      first = r.first();
      last = size - 1;
    } else {
      Suffix r = (Suffix) this;
      first = Math.max(0, size - r.length());
      last = r.length() == 0 ? -1 : size - 1;
    }
    if (first >= size || last < first) {
      throw new ObjectStoreException(
          ObjectError.INVALID_RANGE,
          "The requested range is not satisfiable: "
              + this
              + " of an object of "
              + size
              + " bytes");
    }
    return new Span(first, last);
  }

  /**
   * The range a {@code Range} header asks for, or empty when the header is not one single byte
   * range (HTTP and S3 then serve the whole object).
   */
  static Optional<ByteRange> parse(String header) {
    Matcher m = Holder.RANGE.matcher(header.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      String a = m.group(1);
      String b = m.group(2);
      if (a.isEmpty() && b.isEmpty()) {
        return Optional.empty();
      }
      if (a.isEmpty()) {
        return Optional.of(new Suffix(Long.parseLong(b)));
      }
      long first = Long.parseLong(a);
      if (b.isEmpty()) {
        return Optional.of(new From(first));
      }
      long last = Long.parseLong(b);
      return last < first ? Optional.empty() : Optional.of(new FromTo(first, last));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Holds the pattern (interfaces cannot have private static fields). */
  final class Holder {
    static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private Holder() {}
  }
}
