import {
  Permission,
  customFieldInputSchema,
  customFieldListSchema,
  customFieldSchema,
  idParamSchema,
  type CustomField,
  type CustomFieldInput,
  type CustomFieldList,
} from '@omnichannel/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { CustomFieldsService } from './custom-fields.service';

const idPipe = new ZodPipe(idParamSchema);

@Controller('custom-fields')
export class CustomFieldsController {
  constructor(private readonly fields: CustomFieldsService) {}

  /** Every Omni user's client panel shows them. */
  @Get()
  @RequirePermission(Permission.OmniAccess)
  @Returns(customFieldListSchema)
  async list(): Promise<CustomFieldList> {
    return { items: await this.fields.list() };
  }

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.OmniSettings)
  @Returns(customFieldSchema)
  create(@Body(new ZodPipe(customFieldInputSchema)) body: CustomFieldInput): Promise<CustomField> {
    return this.fields.create(body);
  }

  @Put(':id')
  @RequirePermission(Permission.OmniSettings)
  @Returns(customFieldSchema)
  update(@Param(idPipe) params: { id: string }, @Body(new ZodPipe(customFieldInputSchema)) body: CustomFieldInput): Promise<CustomField> {
    return this.fields.update(params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.OmniSettings)
  remove(@Param(idPipe) params: { id: string }): Promise<void> {
    return this.fields.remove(params.id);
  }
}
