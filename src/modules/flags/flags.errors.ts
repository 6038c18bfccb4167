import { AppError } from '../../infrastructure/http/app-error.js';

export class FlagCursorInvalidError extends AppError {
  constructor() {
    super(
      'FLAG_CURSOR_INVALID',
      'The cursor is not one this list returned; start again without it',
      400,
    );
  }
}

export class FlagNotClosableError extends AppError {
  constructor(id: number, status: string) {
    super(
      'FLAG_NOT_CLOSABLE',
      `Flag ${id} is ${status}; only a flag whose condition cleared can be closed`,
      409,
      {
        id,
        status,
      },
    );
  }
}
