/** The master key ring and AES-256-GCM sealing of secrets at rest. */
package dev.gatehouse.core.crypto;
