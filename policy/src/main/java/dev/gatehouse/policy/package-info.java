/**
 * The AWS IAM policy language: parse and validate ({@link dev.gatehouse.policy.Policy#parse}),
 * compile ({@link dev.gatehouse.policy.CompiledPolicy}), evaluate ({@link
 * dev.gatehouse.policy.Evaluator#evaluate}) and explain ({@link dev.gatehouse.policy.Decision}).
 * Pure: no I/O except its own bundled data ({@link dev.gatehouse.policy.ServiceReference}), no
 * clock, no logging. The semantics follow docs/POLICY-SEMANTICS.md; each rule's code cites the AWS
 * page it implements.
 */
package dev.gatehouse.policy;
