package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The glob matcher against a java.util.regex oracle, and its compiled shapes. */
class WildcardTest {

  /** The oracle: {@code *} is {@code .*}, {@code ?} is {@code .}, everything else literal. */
  static boolean oracle(String text, String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.strings().withChars("ab*?/:").ofMaxLength(8);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("ab/:*?").ofMaxLength(10);
  }

  @Property(tries = 3000)
  void globAgreesWithRegex(@ForAll("texts") String text, @ForAll("patterns") String pattern) {
    boolean expected = oracle(text, pattern);
    assertThat(Wildcard.matches(text, pattern)).isEqualTo(expected);
    assertThat(Wildcard.compile(pattern).test(text)).isEqualTo(expected);
  }

  @Property(tries = 1000)
  void fullyLiteralPatternIsEquality(@ForAll("texts") String text, @ForAll("patterns") String p) {
    boolean[] literal = new boolean[p.length()];
    java.util.Arrays.fill(literal, true);
    assertThat(Wildcard.matches(text, p, literal)).isEqualTo(text.equals(p));
  }

  @Test
  void compilesToTheCheapestMatcher() {
    assertThat(Wildcard.compile("*")).isInstanceOf(Wildcard.Any.class);
    assertThat(Wildcard.compile("abc")).isInstanceOf(Wildcard.Exact.class);
    assertThat(Wildcard.compile("abc*")).isInstanceOf(Wildcard.Prefix.class);
    assertThat(Wildcard.compile("*abc")).isInstanceOf(Wildcard.Suffix.class);
    assertThat(Wildcard.compile("a*c")).isInstanceOf(Wildcard.Stars.class);
    assertThat(Wildcard.compile("a*b*c").test("abc")).isTrue();
    assertThat(Wildcard.compile("a*b*c").test("ac")).isFalse();
    assertThat(Wildcard.compile("ab*bc").test("abc")).isFalse();
    assertThat(Wildcard.compile("*b**c*").test("xbyc")).isTrue();
    assertThat(Wildcard.compile("*b*c").test("xcb")).isFalse();
    assertThat(Wildcard.compile("a*bc*bc").test("abcbc")).isTrue();
    assertThat(Wildcard.compile("a?")).isInstanceOf(Wildcard.Glob.class);
    assertThat(Wildcard.compile("*abc").test("xxabc")).isTrue();
    assertThat(Wildcard.compile("*abc").test("abcx")).isFalse();
    assertThat(Wildcard.compile("abc").test("abcd")).isFalse();
  }

  @Test
  void partlyLiteralPattern() {
    // "a" + literal "*" + wildcard "*"
    boolean[] literal = {false, true, false};
    assertThat(Wildcard.matches("a*xyz", "a**", literal)).isTrue();
    assertThat(Wildcard.matches("abxyz", "a**", literal)).isFalse();
  }
}
