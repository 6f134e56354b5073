/**
 * The IAM domain: immutable records for accounts, users, groups, roles, managed and inline
 * policies, access keys and tags, plus identifier and ARN formats.
 */
package dev.gatehouse.core.domain;
