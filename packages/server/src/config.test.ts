import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
  });
});
