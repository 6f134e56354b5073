/**
 * The store port: domain-shaped reads and writes inside explicit transactions. Adapters live in the
 * store-sql module and all pass the contract suite in this module's test jar.
 */
package dev.gatehouse.core.store;
