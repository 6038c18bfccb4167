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
