import type { ModelFacts } from '@ads/provider';

/** What kie's schema says about one jobs-API model: from kie's model registry, or the createTask endpoint schema. */
export interface KieModelFacts extends ModelFacts {
  source: 'registry' | 'endpoint-schema';
}
