/**
 * OpenID Connect web identity: JWT parsing and signature verification with the JDK, provider keys
 * from discovery and JWKS (fetched through the {@link dev.gatehouse.core.oidc.HttpsFetcher} port),
 * and the checks of AssumeRoleWithWebIdentity.
 */
package dev.gatehouse.core.oidc;
