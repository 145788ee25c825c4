/**
 * Options every model understands by the same name. The contract says what values each takes; each
 * catalog entry says where each goes upstream and what its model accepts.
 */
export const standardOptionNames = [
  'duration',
  'aspect_ratio',
  'resolution',
  'seed',
  'negative_prompt',
  'audio',
] as const;
export type StandardOptionName = (typeof standardOptionNames)[number];
