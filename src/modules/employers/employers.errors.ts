import { AppError } from '../../infrastructure/http/app-error.js';

export class EmployerNotFoundError extends AppError {
  constructor(unitCode: string) {
    super('EMPLOYER_NOT_FOUND', `Employer ${unitCode} is not in the registry`, 404, { unitCode });
  }
}
