import { postgresAvailable, startThrowawayPostgres, type ThrowawayPostgres } from '@ads/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An admin URL of a PostgreSQL server for the tests, or null when none can run here. */
    postgresUrl: string | null;
  }
}

/**
 * The server suite runs against SQLite and PostgreSQL. PostgreSQL comes from DATABASE_URL when set,
 * else from a throwaway cluster started here. In CI a missing PostgreSQL is an error, not a skip.
 */
export default async function setup(project: TestProject) {
  let cluster: ThrowawayPostgres | undefined;
  let url = process.env.DATABASE_URL?.trim() || null;
  if (!url && postgresAvailable()) {
    cluster = await startThrowawayPostgres();
    url = cluster.url;
  }
  if (!url && process.env.CI)
    throw new Error('CI needs PostgreSQL: set DATABASE_URL or install PostgreSQL 15.');
  project.provide('postgresUrl', url);
  return () => cluster?.stop();
}
