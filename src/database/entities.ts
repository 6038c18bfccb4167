import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { User } from '../modules/auth/user.entity.js';
import { Employer } from '../modules/employers/employer.entity.js';
import { ImportBatch } from '../modules/imports/import-batch.entity.js';
import { Office } from '../modules/offices/office.entity.js';
import { ReferenceValue } from '../modules/reference/reference-value.entity.js';

/** Every entity the ORM knows; migrations must create exactly these tables (a test checks). */
export const entities = [Office, ReferenceValue, Employer, ImportBatch, User, AuditEvent];
