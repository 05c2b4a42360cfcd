import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmployeesModule } from '../employees/employees.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { EmployeeSessionEntity } from './entities/employee-session.entity';
import { VisitorSessionEntity } from './entities/visitor-session.entity';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import { VisitorTokensService } from './visitor-tokens.service';

@Module({
  imports: [TypeOrmModule.forFeature([EmployeeSessionEntity, VisitorSessionEntity]), EmployeesModule],
  controllers: [AuthController],
  providers: [PasswordHasher, SessionsService, VisitorTokensService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [SessionsService, VisitorTokensService, PasswordHasher],
})
export class AuthModule {}
