import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ReceiptsController } from './receipts.controller.js';
import { ReceiptsService } from './receipts.service.js';

@Module({ imports: [AuditModule], controllers: [ReceiptsController], providers: [ReceiptsService] })
export class ReceiptsModule {}
