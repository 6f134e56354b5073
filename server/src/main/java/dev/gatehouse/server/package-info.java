/** Gatehouse server module. */
package dev.gatehouse.server;
