import { testPostgres } from '@ads/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An admin URL of a PostgreSQL server for the tests, or null when none can run here. */
    postgresUrl: string | null;
  }
}

/** The server suite runs against SQLite and PostgreSQL (DATABASE_URL, or a throwaway cluster). */
export default async function setup(project: TestProject) {
  const postgres = await testPostgres();
  project.provide('postgresUrl', postgres.url);
  return () => postgres.stop();
}
