import {
  Permission,
  idParamSchema,
  templateInputSchema,
  templateListSchema,
  templateSchema,
  templateSearchQuerySchema,
  type Template,
  type TemplateInput,
  type TemplateList,
  type TemplateSearchQuery,
} from '@omnichannel/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { TemplatesService } from './templates.service';

const idPipe = new ZodPipe(idParamSchema);

@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  /** TPL-2: what the reply box offers after "/" + a tag prefix, for the chat's channel. */
  @Get('search')
  @RequirePermission(Permission.OmniAccess)
  @Returns(templateListSchema)
  async search(@Query(new ZodPipe(templateSearchQuerySchema)) query: TemplateSearchQuery): Promise<TemplateList> {
    return { items: await this.templates.search(query) };
  }

  @Get()
  @RequirePermission(Permission.OmniSettings)
  @Returns(templateListSchema)
  async list(): Promise<TemplateList> {
    return { items: await this.templates.list() };
  }

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.OmniSettings)
  @Returns(templateSchema)
  create(@Body(new ZodPipe(templateInputSchema)) body: TemplateInput, @CurrentEmployee() me: EmployeePrincipal): Promise<Template> {
    return this.templates.save(null, body, me.id);
  }

  @Put(':id')
  @RequirePermission(Permission.OmniSettings)
  @Returns(templateSchema)
  update(
    @Param(idPipe) params: { id: string },
    @Body(new ZodPipe(templateInputSchema)) body: TemplateInput,
    @CurrentEmployee() me: EmployeePrincipal,
  ): Promise<Template> {
    return this.templates.save(params.id, body, me.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.OmniSettings)
  remove(@Param(idPipe) params: { id: string }): Promise<void> {
    return this.templates.remove(params.id);
  }
}
