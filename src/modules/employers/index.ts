export { EmployersModule } from './employers.module.js';
export { EmployersService } from './employers.service.js';
export { EmployerDirectory, type EmployerRecord } from './employer.directory.js';
export { EmployerRegistryWriter, type EmployerRow } from './registry.writer.js';
export { EmployerNotFoundError } from './employers.errors.js';
export type { Employer } from './employer.entity.js';
