/**
 * AWS Organizations: the organization an account manages, its member accounts and the requests that
 * created them. A member account created here is a full IAM account with the role the management
 * account reaches it through; the services validate like AWS and run each action in one store
 * transaction.
 */
package dev.gatehouse.core.org;
