import { systemRoutes, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { Route } from '../common/routing/route.decorator';
import { buildOpenApiDocument } from './openapi-document';

/** API-1: the OpenAPI document for integrators, built once from the route contracts. */
@Controller()
export class OpenApiController {
  private document: RouteResponse<typeof systemRoutes.openapi> | undefined;

  @Route(systemRoutes.openapi)
  openapi(): RouteResponse<typeof systemRoutes.openapi> {
    this.document ??= { ...buildOpenApiDocument() };
    return this.document;
  }
}
