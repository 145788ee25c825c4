import { ProviderError } from './provider-error.js';

const marker = Symbol.for('ads.provider.invalid-options-error');

export interface OptionIssue {
  /** Dotted path as the client wrote it, e.g. `options.duration` or `imageInput`. */
  path: string;
  message: string;
}

/** The request's options or media do not fit the model's own schema; nothing was sent upstream. */
export class InvalidOptionsError extends ProviderError {
  readonly [marker] = true;
  readonly modelId: string;
  readonly issues: readonly OptionIssue[];

  constructor({ modelId, issues }: { modelId: string; issues: readonly OptionIssue[] }) {
    super({
      code: 'invalid_options',
      message: `${modelId} does not accept this request: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    });
    this.name = 'InvalidOptionsError';
    this.modelId = modelId;
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is InvalidOptionsError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
