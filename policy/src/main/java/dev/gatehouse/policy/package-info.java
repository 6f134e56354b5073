/** Gatehouse policy module. */
package dev.gatehouse.policy;
