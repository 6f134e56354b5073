/**
 * Immutable per-account views of IAM state for authorization (DESIGN.md decision 5): built from one
 * read transaction, replaced after each committed write on this node (by applying the write's
 * reported change to the previous snapshot where it can, else by reading the whole account).
 */
package dev.gatehouse.core.snapshot;
