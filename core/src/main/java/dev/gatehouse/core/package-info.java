/** Gatehouse core module. */
package dev.gatehouse.core;
