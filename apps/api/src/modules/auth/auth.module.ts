import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmployeesModule } from '../employees/employees.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { AccessGuard } from './access.guard';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensService } from './api-tokens.service';
import { ApiTokenEntity } from './entities/api-token.entity';
import { AuthController } from './auth.controller';
import { EmployeeSessionEntity } from './entities/employee-session.entity';
import { VisitorSessionEntity } from './entities/visitor-session.entity';
import { SessionsService } from './sessions.service';
import { VisitorTokensService } from './visitor-tokens.service';

@Module({
  imports: [TypeOrmModule.forFeature([EmployeeSessionEntity, VisitorSessionEntity, ApiTokenEntity]), EmployeesModule, PermissionsModule],
  controllers: [AuthController, ApiTokensController],
  providers: [SessionsService, ApiTokensService, VisitorTokensService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [SessionsService, VisitorTokensService],
})
export class AuthModule {}
