export { ArrearsModule } from './arrears.module.js';
