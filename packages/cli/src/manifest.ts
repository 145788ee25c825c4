import { readFileSync } from 'node:fs';
import type { FlagSpec, RouteAuth, RouteFlagGroups } from '@ads/contract';

export interface RouteEntry {
  method: string;
  path: string;
  summary: string;
  description: string;
  auth: RouteAuth;
  flags: RouteFlagGroups;
}

/** Flags and descriptions read off the contract when the CLI was built (scripts/write-manifest.mjs). */
export interface CliManifest {
  actions: Record<string, { description: string; flags: FlagSpec[] }>;
  routes: Record<string, RouteEntry>;
}

let loaded: CliManifest | undefined;

export function cliManifest(): CliManifest {
  loaded ??= JSON.parse(readFileSync(new URL('./cli-manifest.json', import.meta.url), 'utf8')) as CliManifest;
  return loaded;
}

export type { FlagSpec, RouteFlagGroups };
