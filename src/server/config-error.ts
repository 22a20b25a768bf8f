/**
 * A configuration value is wrong: the message names the variable. In its own module so that the
 * sign-in settings (auth/msal-config.ts), which config.ts reads, can throw it without an import cycle.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
}
