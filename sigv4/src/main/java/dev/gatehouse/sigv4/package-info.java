/**
 * AWS Signature Version 4 for Gatehouse: pure values in, result out; no I/O, no clock, no logging.
 *
 * <p>The server hands a received request over as a {@link dev.gatehouse.sigv4.SignedRequest}
 * (method, raw path and query as on the wire, headers in arrival order, SHA-256 of the body) and
 * authenticates it in two steps, so that the access-key lookup and the unsealing of a session token
 * happen in between:
 *
 * <pre>{@code
 * ParsedAuthorization auth = SigV4.parse(request);          // MissingAuthenticationToken, IncompleteSignature
 * verifier.checkScopeAndTime(auth, now);                     // optional early call, no secret needed
 * SecretAccessKey secret = lookUp(auth.accessKeyId(), auth.sessionToken()); // server's job
 * verifier.verify(auth, request, secret, now);               // SignatureDoesNotMatch, RequestExpired, ...
 * }</pre>
 *
 * <p>Every failure is a {@link dev.gatehouse.sigv4.SigV4Exception} carrying a {@link
 * dev.gatehouse.sigv4.SigV4Error} (AWS code, HTTP status, fault: one table) and AWS's message text.
 * The stages of the algorithm are public for tests: {@link dev.gatehouse.sigv4.Canonicalizer}
 * (canonical URI, query, headers, request) and {@link dev.gatehouse.sigv4.SignatureCalculator}
 * (string to sign, signing key, signature). {@link dev.gatehouse.sigv4.SigningKeyCache} keeps
 * derived keys per (secret, date, region, service). {@link dev.gatehouse.sigv4.Signer} signs
 * requests in header or presigned mode, as an SDK would, for tests and benchmarks.
 *
 * <p>spec: AWS IAM User Guide, "Create a signed AWS API request" and "Elements of an AWS API
 * request signature".
 */
package dev.gatehouse.sigv4;
