/**
 * SAML 2.0 for IAM SAML providers and AssumeRoleWithSAML: the IdP's metadata (its signing
 * certificates), secure XML parsing, verification of a signed SAML response (XML signature with the
 * JDK's {@code javax.xml.crypto.dsig}, defences against signature wrapping, audience, recipient and
 * validity window) and the assertion's attributes as AWS reads them.
 */
package dev.gatehouse.core.saml;
