/**
 * An error a service throws on purpose: a stable code (one per feature's `*.errors.ts`), a message for
 * the person reading it, details for the client. One filter maps codes to HTTP statuses.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 422,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} was not found`, 404, { what, id });
  }
}
