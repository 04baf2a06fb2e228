import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { UserRole } from '@jinguo/common/enums.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** the signed-in user, with the org whose subtree bounds everything they see and change */
export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  role: UserRole;
  orgId: string;
  orgName: string;
  orgPath: string;
  orgDepth: number;
  provinceCode: string;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
};

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** reachable without signing in */
    public?: boolean;
    /** read-only work that a streaming replica may serve (see read-routing.ts) */
    reads?: 'replica';
  }
}
