import {
  Permission,
  dispatchRuleInputSchema,
  dispatchRuleListSchema,
  dispatchRuleSchema,
  dispatchRuleUpdateSchema,
  reorderRulesRequestSchema,
  uuidSchema,
  type DispatchRule,
  type DispatchRuleInput,
  type DispatchRuleList,
  type DispatchRuleUpdate,
  type ReorderRulesRequest,
} from '@omnichannel/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { RulesService } from './rules.service';

const idPipe = new ZodPipe(z.object({ id: uuidSchema }));

/** DSP-3: the dispatcher rules, edited in Settings (PERM-3). */
@Controller('omni/rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  @RequirePermission(Permission.OmniSettings)
  @Returns(dispatchRuleListSchema)
  async list(): Promise<DispatchRuleList> {
    return { items: await this.rules.list() };
  }

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.OmniSettings)
  @Returns(dispatchRuleSchema)
  create(@Body(new ZodPipe(dispatchRuleInputSchema)) body: DispatchRuleInput): Promise<DispatchRule> {
    return this.rules.create(body);
  }

  @Put('order')
  @RequirePermission(Permission.OmniSettings)
  @Returns(dispatchRuleListSchema)
  async reorder(@Body(new ZodPipe(reorderRulesRequestSchema)) body: ReorderRulesRequest): Promise<DispatchRuleList> {
    return { items: await this.rules.reorder(body.ids) };
  }

  @Patch(':id')
  @RequirePermission(Permission.OmniSettings)
  @Returns(dispatchRuleSchema)
  update(@Param(idPipe) params: { id: string }, @Body(new ZodPipe(dispatchRuleUpdateSchema)) body: DispatchRuleUpdate): Promise<DispatchRule> {
    return this.rules.update(params.id, body);
  }

  @Post(':id/copy')
  @HttpCode(201)
  @RequirePermission(Permission.OmniSettings)
  @Returns(dispatchRuleSchema)
  copy(@Param(idPipe) params: { id: string }): Promise<DispatchRule> {
    return this.rules.copy(params.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.OmniSettings)
  remove(@Param(idPipe) params: { id: string }): Promise<void> {
    return this.rules.remove(params.id);
  }
}
