package dev.gatehouse.core.objects;

class MemoryObjectCatalogTest extends ObjectCatalogContract {
  private final MemoryObjectCatalog catalog = new MemoryObjectCatalog();

  @Override
  protected ObjectCatalog catalog() {
    return catalog;
  }
}
