package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void textAndAttributeValuesAreEscaped() {
    String evil = "<img src=x onerror=\"alert('1')\"> & co";
    Html h = new Html().open("p", "title", evil).text(evil).close("p");
    assertThat(h.toString())
        .isEqualTo(
            "<p title=\"&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co\">"
                + "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co</p>");
  }

  @Test
  void identifiersBreakAfterTheirSeparatorsAndStayEscaped() {
    assertThat(new Html().breakable("arn:aws:iam::123456789012:role/a<b>").toString())
        .isEqualTo("arn:<wbr>aws:<wbr>iam:<wbr>:<wbr>123456789012:<wbr>role/<wbr>a&lt;b&gt;");
    assertThat(new Html().breakable("plain").toString()).isEqualTo("plain");
  }

  @Test
  void plainTextIsLeftAlone() {
    assertThat(Html.escape("RoleS3FullAccess @ 123456789012"))
        .isEqualTo("RoleS3FullAccess @ 123456789012");
    assertThat(Html.escape("")).isEmpty();
  }

  @Test
  void tagAndAttributeNamesMustBeNames() {
    assertThatThrownBy(() -> new Html().open("p onclick=x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Html().open("p", "on click", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Html().close("/p")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Html().open("p", "title"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullAttributesAreLeftOutAndBooleanOnesHaveNoValue() {
    Html h =
        new Html().empty("input", "type", "checkbox", "checked", "", "disabled", null, "value", "");
    assertThat(h.toString()).isEqualTo("<input type=\"checkbox\" checked value=\"\">");
  }

  @Test
  void buildersCompose() {
    Html inner = new Html().link("/console/roles/a%20b", "a <b>");
    Html outer = new Html().open("li").add(inner).close("li");
    assertThat(outer.toString())
        .isEqualTo("<li><a href=\"/console/roles/a%20b\">a &lt;b&gt;</a></li>");
    assertThat(new Html().isEmpty()).isTrue();
    assertThat(outer.isEmpty()).isFalse();
    assertThat(Html.constant("<!DOCTYPE html>").toString()).isEqualTo("<!DOCTYPE html>");
  }
}
