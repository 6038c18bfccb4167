import { Module } from '@nestjs/common';
import { SnapshotsModule } from '../snapshots/index.js';
import { EmployerDirectory } from './employer.directory.js';
import { EmployersController } from './employers.controller.js';
import { EmployersService } from './employers.service.js';
import { EmployerRegistryWriter } from './registry.writer.js';

/** Owner of the employer registry (`employer`): the list and reads for others, and its one writer. */
@Module({
  imports: [SnapshotsModule],
  controllers: [EmployersController],
  providers: [EmployersService, EmployerDirectory, EmployerRegistryWriter],
  exports: [EmployersService, EmployerDirectory, EmployerRegistryWriter],
})
export class EmployersModule {}
