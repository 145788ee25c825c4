import type { FieldSpec } from '@ads/provider';

/** What kie's schema says about one jobs-API model, before the catalog rules read it. */
export interface KieModelFacts {
  model: string;
  name: string;
  /** Where the fields came from: kie's model registry, or the createTask endpoint schema. */
  source: 'registry' | 'endpoint-schema';
  fields: FieldSpec[];
}
