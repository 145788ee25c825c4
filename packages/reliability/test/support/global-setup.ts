import { testPostgres } from '@ads/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL URL for the two-instance scenario, or null when none can run here. */
    postgresUrl: string | null;
  }
}

/** PostgreSQL for the two-instance scenario (DATABASE_URL, or a throwaway cluster). */
export default async function setup(project: TestProject) {
  const postgres = await testPostgres();
  project.provide('postgresUrl', postgres.url);
  return () => postgres.stop();
}
