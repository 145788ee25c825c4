import { ProviderError, UpstreamHttpError } from '@ads/provider';

/** What a failed submit means for the task and the credits. */
export type SubmitFailure =
  /** The upstream refused for now and created nothing: try again later. */
  | { kind: 'retry'; retryAfterSeconds?: number | undefined }
  /** The upstream refused for good and created nothing: fail the task and refund. */
  | { kind: 'rejected'; code: string; message: string }
  /** Nobody can tell whether a job was created: fail the task, keep the credits reserved. */
  | { kind: 'unknown'; message: string; upstreamHint?: string | undefined };

export function classifySubmitFailure(error: unknown): SubmitFailure {
  if (UpstreamHttpError.isInstance(error)) {
    if (!error.definitelyNotCreated) {
      return {
        kind: 'unknown',
        message: `The provider did not confirm whether it accepted the job (${error.message}). The credits stay reserved until an operator reconciles the task.`,
        // An answer that names a request id (fal's x-fal-request-id) tells the operator where to look.
        upstreamHint: error.requestId,
      };
    }
    if (error.isRetryable) return { kind: 'retry', retryAfterSeconds: error.retryAfterSeconds };
    return { kind: 'rejected', code: error.code, message: error.message };
  }
  // A provider error raised before anything was sent (e.g. its own input check) created nothing.
  if (ProviderError.isInstance(error)) return { kind: 'rejected', code: error.code, message: error.message };
  return {
    kind: 'unknown',
    message: `Submitting to the provider failed in a way that leaves open whether it accepted the job (${error instanceof Error ? error.message : String(error)}). The credits stay reserved until an operator reconciles the task.`,
  };
}
