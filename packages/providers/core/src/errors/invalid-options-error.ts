import { ProviderError } from './provider-error.js';

const marker = Symbol.for('ads.provider.invalid-options-error');

export interface OptionIssue {
  /** Dotted path as the client wrote it, e.g. `options.duration` or `imageInput`. */
  path: string;
  message: string;
}

/** Problems named in one answer; a request with more gets these and a count of the rest. */
export const maxReportedIssues = 20;

/** The request's options or media do not fit the model's own schema; nothing was sent upstream. */
export class InvalidOptionsError extends ProviderError {
  readonly [marker] = true;
  readonly modelId: string;
  readonly issues: readonly OptionIssue[];

  /** `unchecked`: problems found but not described (past the cap), or input left unchecked after it. */
  constructor({
    modelId,
    issues,
    unchecked = 0,
  }: { modelId: string; issues: readonly OptionIssue[]; unchecked?: number }) {
    const shown = issues.slice(0, maxReportedIssues);
    const more = issues.length - shown.length + unchecked;
    const tail = more > 0 ? `; and ${more} more not listed` : '';
    super({
      code: 'invalid_options',
      message: `${modelId} does not accept this request: ${shown.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}${tail}`,
    });
    this.name = 'InvalidOptionsError';
    this.modelId = modelId;
    this.issues = shown;
  }

  static override isInstance(error: unknown): error is InvalidOptionsError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
