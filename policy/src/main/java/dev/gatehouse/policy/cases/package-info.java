/**
 * Policy case files (docs/POLICY-CASES.md): "given these policies and this request, what does AWS
 * decide?", as used by {@code gatehouse policy simulate} and the data-driven corpora.
 */
package dev.gatehouse.policy.cases;
