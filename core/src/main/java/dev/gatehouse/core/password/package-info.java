/**
 * Console passwords: the slow hash they are stored as ({@link
 * dev.gatehouse.core.password.PasswordHasher}), the account password policy's rules ({@link
 * dev.gatehouse.core.password.PasswordRules}) and the sign-in failure throttle ({@link
 * dev.gatehouse.core.password.SignInThrottle}).
 */
package dev.gatehouse.core.password;
