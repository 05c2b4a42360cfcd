import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { DepartmentsModule } from '../departments/departments.module';
import { EmployeesModule } from '../employees/employees.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { DemoSeeder } from './demo-seeder';

@Module({
  imports: [ChannelsModule, DepartmentsModule, EmployeesModule, PermissionsModule],
  providers: [DemoSeeder],
})
export class DemoModule {}
