package dev.gatehouse.core.pki;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text (spec: RFC 7468): labelled base64 blocks between BEGIN and END lines. */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END ([A-Z0-9 ]+)-----");

  private Pem() {}

  /** One block: its label and the DER it carries. */
  public static final class Block {
    private final String label;
    private final byte[] der;

    Block(String label, byte[] der) {
      this.label = label;
      this.der = der.clone();
    }

    public String label() {
      return label;
    }

    public byte[] der() {
      return der.clone();
    }
  }

  /**
   * The blocks of {@code text}, in order; empty when the text holds no well-formed block, or when
   * anything but whitespace lies outside them, or a block's END label differs from its BEGIN label.
   */
  public static Optional<List<Block>> blocks(String text) {
    Matcher m = BLOCK.matcher(text);
    List<Block> out = new ArrayList<>();
    int end = 0;
    while (m.find()) {
      if (!text.substring(end, m.start()).isBlank() || !m.group(1).equals(m.group(3))) {
        return Optional.empty();
      }
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      end = m.end();
    }
    if (out.isEmpty() || !text.substring(end).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(List.copyOf(out));
  }

  /** {@code der} as a PEM block with 64-character lines. */
  public static String encode(String label, byte[] der) {
    String b64 = Base64.getEncoder().encodeToString(der);
    StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
    for (int i = 0; i < b64.length(); i += 64) {
      out.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
    }
    return out.append("-----END ").append(label).append("-----\n").toString();
  }
}
