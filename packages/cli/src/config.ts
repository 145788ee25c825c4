import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { exitCodes } from './exit-codes.js';
import { CliFailure, usageFailure } from './failure.js';

/** What `ads login` saves. */
export interface SavedConfig {
  host?: string;
  apiKey?: string;
  adminToken?: string;
}

export interface Connection {
  host: string;
  apiKey: string | undefined;
  adminToken: string | undefined;
}

/** `$XDG_CONFIG_HOME/ads/config.json`, else `~/.config/ads/config.json` (`%APPDATA%` on Windows). */
export function configPath(environment: NodeJS.ProcessEnv = process.env): string {
  const base =
    environment.XDG_CONFIG_HOME ||
    (process.platform === 'win32' && environment.APPDATA) ||
    path.join(homedir(), '.config');
  return path.join(base, 'ads', 'config.json');
}

export function readConfig(file: string): SavedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  try {
    return JSON.parse(text) as SavedConfig;
  } catch {
    throw new CliFailure({
      message: `${file} is not valid JSON.`,
      code: 'config_invalid',
      hint: 'Run `ads logout`, then `ads login` again.',
    });
  }
}

/** Writes the config readable by its owner only (0600, in a 0700 folder), replacing it whole. */
export function writeConfig(file: string, config: SavedConfig): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, file);
}

export function removeConfig(file: string): void {
  rmSync(file, { force: true });
}

/**
 * A gateway URL as given: trailing slashes dropped; one without a scheme (`127.0.0.1:8787`) is a
 * usage error that suggests the URL meant.
 */
export function checkedHost(value: string, flag = '--host'): string {
  const host = value.trim().replace(/\/+$/, '');
  if (/^https?:\/\/[^/\s]+/i.test(host)) return host;
  const local = /^(localhost|127\.|\[::1\]|0\.0\.0\.0)/.test(host);
  throw usageFailure(
    `${flag} ${value} is not a URL with http:// or https://`,
    `Did you mean ${flag} ${local ? 'http' : 'https'}://${host.replace(/^\w+:\/\//, '')}?`,
  );
}

/** The host and credentials to use: ADS_HOST, ADS_API_KEY and ADS_ADMIN_TOKEN win over the saved login. */
export function resolveConnection(
  environment: NodeJS.ProcessEnv = process.env,
  saved: SavedConfig = readConfig(configPath(environment)),
): Connection {
  const host = environment.ADS_HOST || saved.host;
  if (!host) {
    throw new CliFailure({
      message: 'Not logged in: no gateway host is configured.',
      code: 'not_logged_in',
      exitCode: exitCodes.auth,
      hint: 'Run: ads login --host <url> --api-key <sk-...> (or set ADS_HOST and ADS_API_KEY).',
    });
  }
  return {
    host: checkedHost(host, environment.ADS_HOST ? 'ADS_HOST' : 'the saved host'),
    apiKey: environment.ADS_API_KEY || saved.apiKey,
    adminToken: environment.ADS_ADMIN_TOKEN || saved.adminToken,
  };
}
