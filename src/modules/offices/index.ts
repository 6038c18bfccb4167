export type { Office } from './office.entity.js';
export { OfficesModule } from './offices.module.js';
export { OfficesService } from './offices.service.js';
