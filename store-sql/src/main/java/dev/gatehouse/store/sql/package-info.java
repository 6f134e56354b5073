/** Gatehouse store-sql module. */
package dev.gatehouse.store.sql;
