import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClientsService } from './clients.service';
import { ClientIdentityEntity } from './entities/client-identity.entity';
import { ClientEntity } from './entities/client.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ClientEntity, ClientIdentityEntity])],
  providers: [ClientsService],
  exports: [ClientsService],
})
export class ClientsModule {}
