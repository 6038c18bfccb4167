import { Module } from '@nestjs/common';
import { SnapshotStore } from './snapshot.store.js';

/**
 * Owner of `employer_snapshot`: each employer's reconciled figures per day. Reconciliation writes them;
 * arrears, ratios, flags, cases and the employer list read them through {@link SnapshotStore}.
 */
@Module({ providers: [SnapshotStore], exports: [SnapshotStore] })
export class SnapshotsModule {}
