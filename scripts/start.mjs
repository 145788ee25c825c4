// `pnpm start`: runs the gateway (ads-server start) on its embedded defaults: SQLite under ./data,
// the offline sandbox provider, port 8787. Environment variables configure everything else.
await import(new URL('../packages/server/dist/main.js', import.meta.url).href);
