/**
 * The backup file: a versioned header, a key derived from a passphrase (PBKDF2-HMAC-SHA256), and
 * the archive of the data dir's files sealed in AES-256-GCM chunks.
 */
package dev.gatehouse.core.backup;
