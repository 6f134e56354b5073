/**
 * Building blocks of Gatehouse's STS: the claims a temporary session carries, the sealed stateless
 * session token that holds them, temporary credential generation, AWS's duration and parameter
 * rules for AssumeRole, GetSessionToken and GetFederationToken, and the revocation list.
 *
 * <p>Everything here is pure: time, randomness and keys are passed in (DESIGN.md decision 3).
 */
package dev.gatehouse.core.sts;
