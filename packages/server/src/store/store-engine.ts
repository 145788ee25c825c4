/** The two engines the store runs on. */
export type StoreEngine = 'sqlite' | 'postgres';

/** `postgres://` or `postgresql://` selects PostgreSQL; anything else is the embedded SQLite file. */
export function storeEngineFor(databaseUrl: string | undefined): StoreEngine {
  return databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgres' : 'sqlite';
}
