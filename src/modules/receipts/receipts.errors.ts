import { AppError } from '../../infrastructure/http/app-error.js';

export class ReceiptNotFoundError extends AppError {
  constructor(id: number) {
    super('RECEIPT_NOT_FOUND', `Receipt ${id} was not found`, 404, { id });
  }
}

export class UnknownUnitError extends AppError {
  constructor(unitCode: string) {
    super('UNKNOWN_UNIT', `Unit ${unitCode} is not in the employer registry`, 422, { unitCode });
  }
}

export class UnknownOfficeError extends AppError {
  constructor(office: string) {
    super('UNKNOWN_OFFICE', `Office ${office} does not exist`, 422, { office });
  }
}

/** Only a receipt on suspense is sent to another office; a matched one belongs to its employer's. */
export class ReceiptMatchedError extends AppError {
  constructor(id: number, unitCode: string) {
    super(
      'RECEIPT_ALREADY_MATCHED',
      `Receipt ${id} is matched to ${unitCode}; unmatch it before sending it to another office`,
      409,
      { id, unitCode },
    );
  }
}

/** The receipt is no longer as the officer saw it: someone else matched or unmatched it meanwhile. */
export class ReceiptChangedError extends AppError {
  constructor(
    id: number,
    now: { unitCode: string | null; status: string },
    by: { email: string | null; at: Date; action: string } | null,
  ) {
    const who = by
      ? ` by ${by.email ?? 'the system'} at ${by.at.toISOString()} (${by.action})`
      : '';
    super(
      'RECEIPT_CHANGED',
      `Receipt ${id} was changed${who}: it is now ${now.unitCode ? `tied to ${now.unitCode}` : 'on suspense'} (${now.status}). Reload it and decide again.`,
      409,
      {
        id,
        unitCode: now.unitCode,
        status: now.status,
        changedBy: by?.email ?? null,
        changedAt: by?.at.toISOString() ?? null,
      },
    );
  }
}
