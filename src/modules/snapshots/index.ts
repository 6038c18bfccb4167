export { SnapshotsModule } from './snapshots.module.js';
export { SnapshotStore, type SnapshotScope } from './snapshot.store.js';
export type { EmployerSnapshot } from './employer-snapshot.entity.js';
