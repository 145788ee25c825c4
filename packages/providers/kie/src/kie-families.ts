import type { CatalogEntry, JobStatus } from '@ads/provider';
import type { KieFollowUpApi } from './kie-follow-ups.js';
import {
  jobStatusFromAlephRecord,
  jobStatusFromRecord,
  jobStatusFromRunwayRecord,
  jobStatusFromVeoRecord,
  type KieAlephRecord,
  type KieJobRecord,
  type KieRunwayRecord,
  type KieVeoRecord,
} from './kie-record.js';

/**
 * kie's API families: each has its own create endpoint, its own body shape (the jobs API wraps the
 * input, the others take it at the top level) and its own record. An extend is a new task read from
 * its family's record ("the final authority" for Veo extends too).
 */
export type KieTaskApi = 'jobs' | 'veo' | 'veo-extend' | 'runway' | 'runway-extend' | 'aleph';
export type KieApi = KieTaskApi | KieFollowUpApi;

export const kieTaskApis: readonly KieTaskApi[] = [
  'jobs',
  'veo',
  'veo-extend',
  'runway',
  'runway-extend',
  'aleph',
];
export const kieApis: readonly KieApi[] = [...kieTaskApis, 'veo-1080p', 'veo-4k'];

interface KieFamily {
  create: string;
  record: string;
  /** The create body: the model's input and the callback, in this family's shape. */
  body(entry: CatalogEntry, input: Record<string, unknown>, callBackUrl: string | undefined): unknown;
  /** The family's record, mapped. */
  status(record: unknown): JobStatus;
}

const callback = (callBackUrl: string | undefined) => (callBackUrl ? { callBackUrl } : {});
const topLevel = (_entry: CatalogEntry, input: Record<string, unknown>, callBackUrl: string | undefined) => ({
  ...input,
  ...callback(callBackUrl),
});
/** Where a family reads its tasks: Veo's record-info serves its extends, Runway's record-detail its. */
const veoRecords = {
  record: '/api/v1/veo/record-info',
  status: (record: unknown) => jobStatusFromVeoRecord(record as KieVeoRecord),
};
const runwayRecords = {
  record: '/api/v1/runway/record-detail',
  status: (record: unknown) => jobStatusFromRunwayRecord(record as KieRunwayRecord),
};

export const kieFamilies: Record<KieTaskApi, KieFamily> = {
  jobs: {
    create: '/api/v1/jobs/createTask',
    record: '/api/v1/jobs/recordInfo',
    body: (entry, input, callBackUrl) => ({ model: entry.model, input, ...callback(callBackUrl) }),
    status: (record) => jobStatusFromRecord(record as KieJobRecord),
  },
  veo: {
    create: '/api/v1/veo/generate',
    body: (entry, input, callBackUrl) => ({ ...input, model: entry.model, ...callback(callBackUrl) }),
    ...veoRecords,
  },
  'veo-extend': { create: '/api/v1/veo/extend', body: topLevel, ...veoRecords },
  runway: { create: '/api/v1/runway/generate', body: topLevel, ...runwayRecords },
  'runway-extend': { create: '/api/v1/runway/extend', body: topLevel, ...runwayRecords },
  aleph: {
    create: '/api/v1/aleph/generate',
    record: '/api/v1/aleph/record-info',
    body: topLevel,
    status: (record) => jobStatusFromAlephRecord(record as KieAlephRecord),
  },
};

export function kieApiOf(entry: Pick<CatalogEntry, 'api'>): KieApi {
  return kieApis.includes(entry.api as KieApi) ? (entry.api as KieApi) : 'jobs';
}

export const isKieApi = (value: unknown): value is KieApi => kieApis.includes(value as KieApi);
