export { AuthGuard } from './auth.guard.js';
export { AuthModule } from './auth.module.js';
export { AuthService } from './auth.service.js';
export { verifyPassword } from './password.js';
export { mountQueueDashboard } from './queue-dashboard.js';
export { rateLimiting } from './rate-limits.js';
export type { User } from './user.entity.js';
export { UsersService } from './users.service.js';
