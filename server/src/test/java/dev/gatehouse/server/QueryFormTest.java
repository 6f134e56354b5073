package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.api.QueryParameters;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The case corpora's JSON parameters in the Query form an SDK sends, read back by the server. */
class QueryFormTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void scalarsListsAndStructuresInListsTakeTheQueryNames() throws Exception {
    var form =
        QueryForm.of(
            JSON.readTree(
                "{\"UserName\": \"bob\", \"MaxSessionDuration\": 3600, \"SetAsDefault\": true,"
                    + " \"ClientIDList\": [\"a\", \"b\"],"
                    + " \"Tags\": [{\"Key\": \"team\", \"Value\": \"x\"}, {\"Key\": \"k\"}]}"));

    assertThat(form)
        .containsExactly(
            Map.entry("UserName", "bob"),
            Map.entry("MaxSessionDuration", "3600"),
            Map.entry("SetAsDefault", "true"),
            Map.entry("ClientIDList.member.1", "a"),
            Map.entry("ClientIDList.member.2", "b"),
            Map.entry("Tags.member.1.Key", "team"),
            Map.entry("Tags.member.1.Value", "x"),
            Map.entry("Tags.member.2.Key", "k"));
    QueryParameters read = QueryParameters.of(form);
    assertThat(read.list("ClientIDList")).containsExactly("a", "b");
    assertThat(read.structures("Tags", "Key", "Value")).hasSize(2);
    assertThat(read.integer("MaxSessionDuration")).hasValue(3600);
    assertThat(read.bool("SetAsDefault")).hasValue(true);
  }

  @Test
  void refusesWhatHasNoQueryFormInTheCorpora() throws Exception {
    assertThatThrownBy(() -> QueryForm.of(JSON.readTree("[]")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QueryForm.of(JSON.readTree("{\"ThumbprintList\": []}")))
        .hasMessage("an empty list at ThumbprintList");
    assertThatThrownBy(() -> QueryForm.of(JSON.readTree("{\"Path\": null}")))
        .hasMessage("no Query form for NULL at Path");
  }
}
