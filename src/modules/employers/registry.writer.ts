import { Injectable } from '@nestjs/common';

/** The one writer of the employer registry: the employers workbook's import writes through it. */
@Injectable()
export class EmployerRegistryWriter {}
