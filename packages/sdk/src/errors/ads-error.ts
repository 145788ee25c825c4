const kindsKey = Symbol.for('ads.sdk.error-kinds');

/**
 * The root of every error the SDK throws. `isInstance` checks a brand rather than the prototype,
 * so it holds across two copies of the SDK in one program.
 */
export class AdsError extends Error {
  static readonly kind: string = 'AdsError';
  /** The task this error concerns, when one was already created (resume with `actions.query`). */
  taskId: string | undefined;
  readonly [kindsKey]: string[];

  constructor(message: string, options?: { cause?: unknown; taskId?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    const kinds: string[] = [];
    for (let type = new.target; type && type !== (Error as unknown); type = Object.getPrototypeOf(type)) {
      if (Object.hasOwn(type, 'kind')) kinds.push(type.kind);
    }
    this[kindsKey] = kinds;
    this.name = new.target.kind;
    this.taskId = options?.taskId;
  }

  static isInstance<T>(this: { kind: string; prototype: T }, value: unknown): value is T {
    const kinds = (value as { [kindsKey]?: unknown } | null | undefined)?.[kindsKey];
    // biome-ignore lint/complexity/noThisInStatic: inherited by every subclass; `this` is the class asked about
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }
}
