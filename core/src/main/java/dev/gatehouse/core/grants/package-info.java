/**
 * Temporary elevation with approval (DESIGN.md decision 12): request policies on roles, access
 * requests and the grants they become, the rules of their lifecycle, and the check STS makes at
 * AssumeRole. Gatehouse's own, beyond AWS.
 */
package dev.gatehouse.core.grants;
