import { Module } from '@nestjs/common';
import { SnapshotsModule } from '../snapshots/index.js';
import { ArrearsController } from './arrears.controller.js';
import { ArrearsService } from './arrears.service.js';

/** Arrears and late-payment ratios, read from the day's snapshots (owns no table). */
@Module({ imports: [SnapshotsModule], controllers: [ArrearsController], providers: [ArrearsService] })
export class ArrearsModule {}
