/**
 * IAM access advisor: when each user and role last attempted each service and action (recorded off
 * the request path by {@link dev.gatehouse.core.advisor.AccessActivity}), and the reports over it
 * ({@link dev.gatehouse.core.advisor.AccessAdvisor}) that GenerateServiceLastAccessedDetails and
 * ListPoliciesGrantingServiceAccess answer from.
 */
package dev.gatehouse.core.advisor;
