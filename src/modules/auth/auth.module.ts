import { Logger, Module, type OnModuleInit, Inject } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AuditModule } from '../audit/index.js';
import { OfficesModule } from '../offices/index.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/**
 * Users, sign-in and bearer tokens. The HTTP app installs {@link AuthGuard} globally (app.module.ts);
 * the worker process imports this module too but serves no routes.
 */
@Module({
  imports: [
    AuditModule,
    OfficesModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [AuthService, UsersService, AuthGuard],
  exports: [AuthService, UsersService, AuthGuard],
})
export class AuthModule implements OnModuleInit {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    if (this.config.auth.jwtSecretSource === 'generated' && this.config.role !== 'worker') {
      new Logger('Auth').warn(
        'AUTH_JWT_SECRET is not set: signing tokens with a random key of this process (tokens end when it stops; several API processes need one shared AUTH_JWT_SECRET)',
      );
    }
  }
}
