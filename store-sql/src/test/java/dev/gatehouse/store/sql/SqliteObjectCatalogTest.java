package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.objects.ObjectCatalog;
import dev.gatehouse.core.objects.ObjectCatalogContract;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqliteObjectCatalogTest extends ObjectCatalogContract {
  private static SqlStore store;
  private static SqlObjectCatalog catalog;

  @BeforeAll
  static void open() throws Exception {
    store = SqliteStore.open(Files.createTempDirectory("gatehouse-objcat"));
    catalog = new SqlObjectCatalog(store);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Override
  protected ObjectCatalog catalog() {
    return catalog;
  }

  @Test
  void mapsSurviveTheirEncoding() {
    Map<String, String> odd = Map.of("a=b&c", "%20+ \u00e9", "", "");
    assertThat(CatalogJdbc.decode(CatalogJdbc.encode(odd))).isEqualTo(odd);
    assertThat(CatalogJdbc.decode("")).isEmpty();
  }
}
