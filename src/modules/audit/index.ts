export type { AuditEvent } from './audit-event.entity.js';
export { AuditModule } from './audit.module.js';
export { AuditService } from './audit.service.js';
