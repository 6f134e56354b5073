/**
 * Store adapters over JDBC: SQLite (embedded default, one file in the data dir) and PostgreSQL
 * (shared by several nodes). Both run the same portable SQL and the same Flyway migrations.
 */
package dev.gatehouse.store.sql;
