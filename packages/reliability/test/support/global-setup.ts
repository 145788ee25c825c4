import { postgresAvailable, startThrowawayPostgres, type ThrowawayPostgres } from '@ads/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL URL for the two-instance scenario, or null when none can run here. */
    postgresUrl: string | null;
  }
}

/** PostgreSQL from DATABASE_URL, else a throwaway cluster; in CI a missing one is an error. */
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
