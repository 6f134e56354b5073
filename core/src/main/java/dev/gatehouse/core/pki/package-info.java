/**
 * Public-key material IAM accepts from callers: SSH public keys, X.509 certificates and their
 * private keys, parsed with the JDK alone. Every refusal is AWS's error
 * (UnrecognizedPublicKeyEncoding, InvalidPublicKey, MalformedCertificate, InvalidCertificate,
 * KeyPairMismatch); no parser's own exception text reaches a caller, and no private key material
 * appears in any message.
 */
package dev.gatehouse.core.pki;
