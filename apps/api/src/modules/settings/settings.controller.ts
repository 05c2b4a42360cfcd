import { settingsRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { In, Route } from '../../common/routing/route.decorator';
import { SettingsService } from './settings.service';

@Controller()
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Route(settingsRoutes.omni)
  omni(): Promise<RouteResponse<typeof settingsRoutes.omni>> {
    return this.settings.omni();
  }

  @Route(settingsRoutes.updateOmni)
  update(@In() input: RouteInput<typeof settingsRoutes.updateOmni>): Promise<RouteResponse<typeof settingsRoutes.updateOmni>> {
    return this.settings.updateOmni(input.body);
  }
}
