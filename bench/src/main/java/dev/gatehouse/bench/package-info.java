/** Gatehouse bench module. */
package dev.gatehouse.bench;
