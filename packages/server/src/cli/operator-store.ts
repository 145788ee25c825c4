import { AdminService } from '../admin/admin-service.js';
import type { GatewayConfig } from '../config.js';
import { Store } from '../store/store.js';

/** Opens the configured store (migrated) for one operator command, and closes it afterwards. */
export async function withAdmin<T>(
  config: GatewayConfig,
  work: (admin: AdminService, store: Store) => Promise<T>,
) {
  const store = Store.open({
    engine: config.engine,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  try {
    await store.migrate();
    return await work(new AdminService(store, Date.now), store);
  } finally {
    await store.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
