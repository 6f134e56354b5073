/**
 * AWS Signature Version 4 for Gatehouse: pure values in, result out; no clock, no logging, and no
 * I/O but the S3 body streams, which only read the stream they are given.
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
 * <p>Amazon S3 has its own entry, {@link dev.gatehouse.sigv4.S3SigV4Verifier}: S3's canonical URI
 * ({@link dev.gatehouse.sigv4.PathStyle#S3}: no normalisation, each segment encoded once), the
 * signed {@code x-amz-content-sha256} value as the payload line, S3's error codes, presigned URLs
 * valid for their own {@code X-Amz-Expires}. It returns an {@link
 * dev.gatehouse.sigv4.S3Authentication} whose {@code body(InputStream)} checks the body while it
 * streams, in constant memory: a fixed hash ({@link dev.gatehouse.sigv4.ContentSha256InputStream}),
 * aws-chunked with chained chunk signatures and trailers ({@link
 * dev.gatehouse.sigv4.AwsChunkedInputStream}, {@link dev.gatehouse.sigv4.ChunkSigner}), and {@code
 * x-amz-checksum-*} headers or trailers ({@link dev.gatehouse.sigv4.ChecksumInputStream}). A
 * failing check throws from {@code read}, at the latest instead of the end of the stream:
 *
 * <pre>{@code
 * ParsedAuthorization auth = S3SigV4Verifier.parse(request); // MissingAuthenticationToken: anonymous
 * SecretAccessKey secret = lookUp(auth.accessKeyId(), auth.sessionToken());
 * S3Authentication authn = s3Verifier.verify(auth, request, secret, now);
 * try (InputStream body = authn.body(httpBody)) {
 *   store.put(key, body, authn.decodedContentLength()); // commit only after reading to the end
 * }
 * }</pre>
 *
 * <p>spec: AWS IAM User Guide, "Create a signed AWS API request" and "Elements of an AWS API
 * request signature"; S3 API Reference, "Authenticating Requests (AWS Signature Version 4)".
 */
package dev.gatehouse.sigv4;
