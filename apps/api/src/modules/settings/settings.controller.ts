import { Permission, omniSettingsSchema, updateOmniSettingsRequestSchema, type OmniSettings, type UpdateOmniSettingsRequest } from '@omnichannel/contracts';
import { Body, Controller, Get, Patch } from '@nestjs/common';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { SettingsService } from './settings.service';

@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  /** Every Omni user's workspace follows these (waiting timer, colours). */
  @Get('omni')
  @RequirePermission(Permission.OmniAccess)
  @Returns(omniSettingsSchema)
  omni(): Promise<OmniSettings> {
    return this.settings.omni();
  }

  /** PERM-3 Omni settings. */
  @Patch('omni')
  @RequirePermission(Permission.OmniSettings)
  @Returns(omniSettingsSchema)
  update(@Body(new ZodPipe(updateOmniSettingsRequestSchema)) body: UpdateOmniSettingsRequest): Promise<OmniSettings> {
    return this.settings.updateOmni(body);
  }
}
