import { AppError } from '../../infrastructure/http/app-error.js';
import { IMPORT_KINDS } from './schema/records.js';

export class UnknownImportKindError extends AppError {
  constructor(kind: string) {
    super('IMPORT_KIND_UNKNOWN', `There is no workbook kind '${kind}'; the kinds are ${IMPORT_KINDS.join(', ')}`, 404, {
      kind,
      kinds: IMPORT_KINDS,
    });
  }
}
