/**
 * Immutable per-account views of IAM state for authorization (DESIGN.md decision 5): built from one
 * read transaction, replaced after each committed write on this node.
 */
package dev.gatehouse.core.snapshot;
