import { AppError } from '../../infrastructure/http/app-error.js';
import { IMPORT_KINDS } from './schema/records.js';

export class UnknownImportKindError extends AppError {
  constructor(kind: string) {
    super(
      'IMPORT_KIND_UNKNOWN',
      `There is no workbook kind '${kind}'; the kinds are ${IMPORT_KINDS.join(', ')}`,
      404,
      {
        kind,
        kinds: IMPORT_KINDS,
      },
    );
  }
}

export class ImportFileMissingError extends AppError {
  constructor() {
    super(
      'IMPORT_FILE_MISSING',
      'Attach the workbooks as the multipart field "file" (repeated for several) or "files"',
      400,
    );
  }
}

export class ImportNotCommittableError extends AppError {
  constructor(id: string, status: string) {
    super(
      'IMPORT_NOT_COMMITTABLE',
      `Import ${id} is ${status}; only a validated import can be committed`,
      409,
      { id, status },
    );
  }
}

/** A batch whose check (parse) failed on a fault: it is checked again before it can be committed. */
export class ImportCheckUnfinishedError extends AppError {
  constructor(id: string) {
    super(
      'IMPORT_CHECK_UNFINISHED',
      `Import ${id} failed while its file was checked; retry it (POST /api/imports/${id}/retry) before committing`,
      409,
      { id },
    );
  }
}

/** Only a failed batch is retried (a validated one is committed, a rejected one uploaded again). */
export class ImportNotRetryableError extends AppError {
  constructor(id: string, status: string) {
    super(
      'IMPORT_NOT_RETRYABLE',
      `Import ${id} is ${status}; only a failed import can be retried`,
      409,
      { id, status },
    );
  }
}

/** The same bytes were uploaded by someone else: their batch is theirs (and admins') to see. */
export class ImportAlreadyUploadedError extends AppError {
  constructor() {
    super(
      'IMPORT_ALREADY_UPLOADED',
      'This file was already uploaded by another user; ask them or an administrator for its import',
      409,
    );
  }
}

export class ImportCursorInvalidError extends AppError {
  constructor() {
    super(
      'IMPORT_CURSOR_INVALID',
      'The cursor is not one this list returned; start again without it',
      400,
    );
  }
}

export class ImportSetNotReadyError extends AppError {
  constructor(id: string, busy: number) {
    super(
      'IMPORT_SET_NOT_READY',
      `Import set ${id} still has ${busy} file${busy === 1 ? '' : 's'} being checked; commit once every file is checked`,
      409,
      { id, busy },
    );
  }
}

export class ImportTooManyFilesError extends AppError {
  constructor(max: number) {
    super(
      'IMPORT_TOO_MANY_FILES',
      `At most ${max} files go in one upload; send the rest in another`,
      413,
      {
        max,
      },
    );
  }
}

export class ImportHintsMismatchError extends AppError {
  constructor(hints: number, files: number) {
    super(
      'IMPORT_HINTS_MISMATCH',
      `${hints} kinds were given for ${files} files: give one kind for all, or one per file in order`,
      400,
      { hints, files },
    );
  }
}
