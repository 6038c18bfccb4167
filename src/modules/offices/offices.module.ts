import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { OfficesController } from './offices.controller.js';
import { OfficesService } from './offices.service.js';

@Module({
  imports: [AuditModule],
  controllers: [OfficesController],
  providers: [OfficesService],
  exports: [OfficesService],
})
export class OfficesModule {}
