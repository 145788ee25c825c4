import { AdsError } from './ads-error.js';

/** One field problem of a rejected request. */
export interface ApiErrorIssue {
  path: string;
  message: string;
}

export interface ApiErrorFields {
  status: number;
  code: string;
  message: string;
  issues?: ApiErrorIssue[];
  details?: Record<string, unknown>;
  requestId?: string;
  headers: Headers;
  body: unknown;
}

/** The gateway answered with an error status; the fields come from its error envelope. */
export class ApiError extends AdsError {
  static override readonly kind: string = 'ApiError';
  readonly status: number;
  /** The envelope's stable machine code, e.g. `insufficient_credits`. */
  readonly code: string;
  readonly issues: ApiErrorIssue[];
  readonly details: Record<string, unknown>;
  readonly requestId: string | undefined;
  readonly headers: Headers;
  readonly body: unknown;

  constructor(fields: ApiErrorFields) {
    super(fields.message);
    this.status = fields.status;
    this.code = fields.code;
    this.issues = fields.issues ?? [];
    this.details = fields.details ?? {};
    this.requestId = fields.requestId;
    this.headers = fields.headers;
    this.body = fields.body;
  }
}
