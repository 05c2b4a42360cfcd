import {
  Permission,
  groupInputSchema,
  groupListSchema,
  groupSchema,
  idParamSchema,
  type Group,
  type GroupInput,
  type GroupList,
} from '@omnichannel/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { GroupsService } from './groups.service';

const idPipe = new ZodPipe(idParamSchema);

@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @RequirePermission(Permission.AdminGroups)
  @Returns(groupListSchema)
  async list(): Promise<GroupList> {
    return { items: await this.groups.list() };
  }

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.AdminGroups)
  @Returns(groupSchema)
  create(@Body(new ZodPipe(groupInputSchema)) body: GroupInput): Promise<Group> {
    return this.groups.create(body);
  }

  @Put(':id')
  @RequirePermission(Permission.AdminGroups)
  @Returns(groupSchema)
  update(@Param(idPipe) params: { id: string }, @Body(new ZodPipe(groupInputSchema)) body: GroupInput): Promise<Group> {
    return this.groups.update(params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.AdminGroups)
  remove(@Param(idPipe) params: { id: string }): Promise<void> {
    return this.groups.remove(params.id);
  }
}
