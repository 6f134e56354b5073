/** The read-only catalogue of AWS managed policies, served as arn:aws:iam::aws:policy/... */
package dev.gatehouse.core.managed;
