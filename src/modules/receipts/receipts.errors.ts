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
