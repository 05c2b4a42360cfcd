import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ChannelsModule } from '../channels/channels.module';
import { DepartmentsModule } from '../departments/departments.module';
import { EmployeesModule } from '../employees/employees.module';
import { DemoSeeder } from './demo-seeder';

@Module({
  imports: [AuthModule, ChannelsModule, DepartmentsModule, EmployeesModule],
  providers: [DemoSeeder],
})
export class DemoModule {}
