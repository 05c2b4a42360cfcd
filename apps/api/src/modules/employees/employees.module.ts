import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepartmentsModule } from '../departments/departments.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { DirectoryController } from './directory.controller';
import { EmployeesController } from './employees.controller';
import { EmployeesService } from './employees.service';
import { EmployeeEntity } from './entities/employee.entity';
import { PasswordHasher } from './password-hasher';
import { ProfileController } from './profile.controller';

@Module({
  imports: [TypeOrmModule.forFeature([EmployeeEntity]), PermissionsModule, DepartmentsModule],
  controllers: [EmployeesController, ProfileController, DirectoryController],
  providers: [EmployeesService, PasswordHasher],
  exports: [EmployeesService, PasswordHasher],
})
export class EmployeesModule {}
