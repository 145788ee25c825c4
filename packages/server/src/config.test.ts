import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { environmentVariables } from './environment-variables.js';

describe('loadConfig', () => {
  it('runs on embedded defaults: SQLite under ./data, port 8787, no provider keys', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', engine: 'sqlite', publicUrl: undefined });
    expect(config.dataDir).toMatch(/data$/);
    expect(config.providers.kie.apiKey).toBe('');
    expect(config.providers.fal.apiKey).toBe('');
  });

  it('selects PostgreSQL by DATABASE_URL and reads the provider keys', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://ads@db/ads',
      KIE_API_KEY: 'k',
      FAL_KEY_ID: 'id',
      FAL_KEY_SECRET: 'secret',
      ADS_PUBLIC_URL: 'https://ads.example.com/',
    });
    expect(config.engine).toBe('postgres');
    expect(config.providers.kie.apiKey).toBe('k');
    expect(config.providers.fal.apiKey).toBe('id:secret');
    expect(config.publicUrl).toBe('https://ads.example.com');
  });

  it('refuses a bad value with the variable and what it must be', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT must be a whole number');
    expect(() => loadConfig({ ADS_PUBLIC_URL: 'ftp://x' })).toThrow('ADS_PUBLIC_URL must be an http(s) URL');
    expect(() => loadConfig({ ADS_POLL_SCALE: '0' })).toThrow('ADS_POLL_SCALE must be a number above 0');
    expect(() => loadConfig({ ADS_LEASE_MS: '10' })).toThrow(
      'ADS_LEASE_MS must be a whole number of at least 1000 (got "10").',
    );
    expect(() => loadConfig({ ADS_POLL_SCALE: 'fast' })).toThrow('ADS_POLL_SCALE must be a number above 0');
  });

  it('reads a blank variable as unset, and trims what it reads', () => {
    expect(loadConfig({ PORT: '  ', HOST: ' 0.0.0.0 ' })).toMatchObject({ port: 8787, host: '0.0.0.0' });
  });
});

describe('the environment variable reference', () => {
  it('describes exactly the variables loadConfig reads', () => {
    const read = new Set<string>();
    const recorder = new Proxy({} as Record<string, string | undefined>, {
      get: (_target, name) => {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    });
    loadConfig(recorder);
    expect([...read].sort()).toEqual(environmentVariables.map((variable) => variable.name).sort());
  });

  it('gives defaults that loadConfig really uses', () => {
    const config = loadConfig({});
    const defaults = Object.fromEntries(
      environmentVariables.map((variable) => [variable.name, variable.defaultValue]),
    );
    expect(String(config.port)).toBe(defaults.PORT);
    expect(config.host).toBe(defaults.HOST);
    expect(config.bodyLimit).toBe(defaults.ADS_BODY_LIMIT);
    expect(String(config.starterCredits)).toBe(defaults.ADS_STARTER_CREDITS);
    expect(String(config.runnerConcurrency)).toBe(defaults.ADS_RUNNER_CONCURRENCY);
    expect(String(config.runnerIdleMs)).toBe(defaults.ADS_RUNNER_IDLE_MS);
    expect(String(config.leaseMs)).toBe(defaults.ADS_LEASE_MS);
    expect(String(config.pollScale)).toBe(defaults.ADS_POLL_SCALE);
    expect(String(config.shutdownTimeoutMs)).toBe(defaults.ADS_SHUTDOWN_TIMEOUT_MS);
    expect(config.providers.kie.baseURL).toBe(defaults.KIE_BASE_URL);
    expect(config.providers.fal.queueURL).toBe(defaults.FAL_QUEUE_URL);
    expect(config.providers.fal.jwksURL).toBe(defaults.FAL_JWKS_URL);
    expect(config.logLevel).toBe(defaults.LOG_LEVEL);
  });
});
