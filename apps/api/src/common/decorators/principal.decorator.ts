import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '@omnichannel/contracts';
import { AppError } from '../errors/app-error';
import type { EmployeePrincipal, VisitorPrincipal } from '../principal';

export const CurrentEmployee = createParamDecorator((_: unknown, ctx: ExecutionContext): EmployeePrincipal => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  if (!request.employee) throw new AppError(ErrorCode.Unauthenticated, 'Sign in first');
  return request.employee;
});

export const CurrentVisitor = createParamDecorator((_: unknown, ctx: ExecutionContext): VisitorPrincipal => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  if (!request.visitor) throw new AppError(ErrorCode.Unauthenticated, 'Visitor token required');
  return request.visitor;
});
