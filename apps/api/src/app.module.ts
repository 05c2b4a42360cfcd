import { type DynamicModule, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { buildDataSourceOptions, migrate } from './database/data-source';
import { AuthModule } from './modules/auth/auth.module';
import { ChannelsModule } from './modules/channels/channels.module';
import { ClientsModule } from './modules/clients/clients.module';
import { DispatcherModule } from './modules/dispatcher/dispatcher.module';
import { SlaModule } from './modules/sla/sla.module';
import { DemoModule } from './modules/demo/demo.module';
import { DepartmentsModule } from './modules/departments/departments.module';
import { EmployeesModule } from './modules/employees/employees.module';
import { HealthModule } from './modules/health/health.module';
import { OmnichannelModule } from './modules/omnichannel/omnichannel.module';
import { OpenApiModule } from './openapi/openapi.module';
import { PermissionsModule } from './modules/permissions/permissions.module';
import { CustomFieldsModule } from './modules/custom-fields/custom-fields.module';
import { TemplatesModule } from './modules/templates/templates.module';
import { SettingsModule } from './modules/settings/settings.module';
import { TicketsModule } from './modules/tickets/tickets.module';
import { WidgetModule } from './modules/widget/widget.module';
import { EventsModule } from './events/events.module';
import { QueueModule } from './queue/queue.module';
import { RealtimeCoreModule } from './realtime/realtime-core.module';
import { RealtimeModule } from './realtime/realtime.module';

@Module({})
export class AppModule {
  /** The configuration is passed in (not read from process.env), so tests can run several instances. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        { module: ConfigHolderModule, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] },
        EventEmitterModule.forRoot({ wildcard: false, ignoreErrors: false }),
        TypeOrmModule.forRootAsync({
          useFactory: () => buildDataSourceOptions(config.databaseUrl, config.DATABASE_POOL_SIZE),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('No data source options');
            const dataSource = await new DataSource(options).initialize();
            await migrate(dataSource);
            return dataSource;
          },
        }),
        QueueModule,
        EventsModule,
        RealtimeCoreModule,
        HealthModule,
        OpenApiModule,
        EmployeesModule,
        PermissionsModule,
        DepartmentsModule,
        AuthModule,
        SettingsModule,
        ClientsModule,
        TicketsModule,
        CustomFieldsModule,
        TemplatesModule,
        ChannelsModule,
        OmnichannelModule,
        SlaModule,
        DispatcherModule,
        WidgetModule,
        RealtimeModule,
        DemoModule,
      ],
    };
  }
}

@Module({})
class ConfigHolderModule {}
