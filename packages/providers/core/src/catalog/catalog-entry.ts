import type { ModelSceneId, StandardOptionName } from '@ads/vocabulary';
import type { FieldSpec } from './field-spec.js';

export {
  type ModelSceneId,
  modelSceneIds,
  type StandardOptionName,
  standardOptionNames,
} from '@ads/vocabulary';

/** Where a standard option goes upstream, and how its values translate (`9:16` → `portrait`). */
export interface StandardMapping {
  field: string;
  values?: Readonly<Record<string, string | number | boolean>>;
}

/** Where the request's media URLs go upstream. */
export interface MediaSlot {
  field: string;
  /** Whether the field takes an array of URLs or one URL. */
  list: boolean;
  /** Most URLs the field takes (1 for a single-URL field). */
  max: number;
  /** For a single first-frame field: where a second image (the last frame) goes. */
  endFrameField?: string;
  /** Whether the model cannot run without it. */
  required: boolean;
}

/** One model of one provider: what it serves, what it takes, what it costs. Catalog entries are data. */
export interface CatalogEntry {
  provider: string;
  /** The upstream's own model id. */
  model: string;
  name: string;
  scenes: readonly ModelSceneId[];
  /** The upstream input fields, as its schema documents them. */
  fields: readonly FieldSpec[];
  /** The field that takes the prompt, if the model takes one. */
  promptField?: string;
  image?: MediaSlot;
  video?: MediaSlot;
  standard: Readonly<Partial<Record<StandardOptionName, StandardMapping>>>;
  /** Price in gateway credits; the scene's default applies when absent. */
  credits?: number;
  /** How long a job usually takes upstream; drives the poll schedule and the deadline. */
  typicalRunSeconds: number;
  /** The upstream reports a job's progress (0-100) while it runs, so the gateway can estimate its end. */
  reportsProgress?: boolean;
  /** Which upstream API family serves the model, when a provider has several. */
  api?: string;
  /** Shown in the model list: where the entry's facts come from, and caveats. */
  notes?: string;
  /**
   * A follow-up of an earlier job (an extend): the video slot takes the video URL of an earlier task of
   * this provider made through one of `apis`, and the upstream receives that task's upstream id.
   */
  sourceTask?: { apis: readonly string[] };
  /** The upstream withdrew the model: tasks made with it still read; new requests get a 400 naming the replacement. */
  deprecated?: { replacement?: string };
}

/** `provider/model`: the id clients use. */
export function publicModelId(entry: Pick<CatalogEntry, 'provider' | 'model'>): string {
  return `${entry.provider}/${entry.model}`;
}

/** The upstream fields that take the request's media URLs (first and last frame included). */
export function mediaFieldNames(entry: Pick<CatalogEntry, 'image' | 'video'>): string[] {
  return [entry.image, entry.video].flatMap((slot) =>
    slot ? [slot.field, ...(slot.endFrameField ? [slot.endFrameField] : [])] : [],
  );
}
