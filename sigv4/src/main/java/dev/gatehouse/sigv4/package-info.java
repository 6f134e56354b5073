/** Gatehouse sigv4 module. */
package dev.gatehouse.sigv4;
