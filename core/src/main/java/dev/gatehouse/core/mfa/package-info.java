/**
 * Virtual MFA devices: TOTP (RFC 6238) over HOTP (RFC 4226), base32 seeds (RFC 4648), the {@code
 * otpauth://} URI authenticator apps read, and a QR code of that URI as PNG.
 *
 * <p>Pure: the clock, the randomness and the device's stored state are passed in.
 */
package dev.gatehouse.core.mfa;
