import { type ErrorCode, errorCodes, type FieldError } from '@promptnx/schema';

/**
 * An expected failure with a code from @promptnx/schema; the error handler
 * turns it into problem+json with the status the code maps to.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.status = errorCodes[code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found`);
