/**
 * The IAM services: one method per IAM action, with AWS's validation, quotas and error texts, each
 * running in one store transaction. The server decodes Query parameters into these calls and
 * encodes the results; it does not re-validate.
 */
package dev.gatehouse.core.iam;
