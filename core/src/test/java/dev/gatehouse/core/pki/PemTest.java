package dev.gatehouse.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** PEM blocks: well-formed text parses, anything else is refused as a whole. */
class PemTest {
  @Test
  void blocksAreReadInOrderAndEncodedBack() {
    String two = Pem.encode("A", new byte[] {1, 2, 3}) + "\n" + Pem.encode("B", new byte[100]);
    List<Pem.Block> blocks = Pem.blocks(two).orElseThrow();
    assertThat(blocks).extracting(Pem.Block::label).containsExactly("A", "B");
    assertThat(blocks.get(0).der()).containsExactly(1, 2, 3);
    assertThat(Pem.encode("B", new byte[100]).lines().skip(1).findFirst().orElseThrow())
        .hasSize(64);
  }

  @Test
  void textOutsideBlocksMismatchedLabelsAndBadBase64AreRefused() {
    String a = Pem.encode("A", new byte[] {1});
    assertThat(Pem.blocks("junk\n" + a)).isEmpty();
    assertThat(Pem.blocks(a + "junk")).isEmpty();
    assertThat(Pem.blocks(a.replace("END A", "END B"))).isEmpty();
    assertThat(Pem.blocks("-----BEGIN A-----\nA===B\n-----END A-----")).isEmpty();
    assertThat(Pem.blocks("")).isEmpty();
  }
}
