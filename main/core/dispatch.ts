import type { z } from 'zod';
import { glossMethods, type GlossApi, type GlossMethod, type IpcResult } from '../../common/contract';
import { GlossError } from './errors';

const methodByChannel = new Map<string, GlossMethod>(
  Object.entries(glossMethods).map(([name, spec]) => [spec.channel, name as GlossMethod]),
);

export type Dispatch = (channel: string, args: unknown) => Promise<IpcResult<unknown>>;

/**
 * Routes a raw IPC call to the service: unknown channels and invalid
 * arguments (each method's schema, from the contract) are answered with a
 * typed error before anything runs, so a bad call changes nothing.
 */
export function createDispatcher(service: GlossApi, log: (message: string, error: unknown) => void = console.error): Dispatch {
  return async (channel, args) => {
    const method = methodByChannel.get(channel);
    if (!method) return failure('invalid-argument', `Unknown channel ${JSON.stringify(String(channel).slice(0, 64))}.`);
    const { args: schema, description } = glossMethods[method];
    const parsed = schema.safeParse(args);
    if (!parsed.success) return failure('invalid-argument', describeInvalidArguments(method, parsed.error));
    try {
      // `parsed.data` matches Parameters<GlossApi[method]>: the contract's `method<F>()` checks each schema against its signature.
      const call = service[method] as (...values: unknown[]) => Promise<unknown>;
      return { ok: true, value: await call.apply(service, parsed.data as unknown[]) };
    } catch (error) {
      if (error instanceof GlossError) return failure(error.code, error.message);
      log(`Gloss: ${method} failed`, error);
      return failure('internal', `Gloss could not ${description}: ${(error as Error)?.message ?? String(error)}`);
    }
  };
}

function failure(code: GlossError['code'], message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

function describeInvalidArguments(method: GlossMethod, error: z.ZodError): string {
  const issue = error.issues[0];
  const where =
    issue && issue.path.length > 0
      ? `argument ${Number(issue.path[0]) + 1}${issue.path.length > 1 ? ` (${issue.path.slice(1).join('.')})` : ''}`
      : 'its arguments';
  return `${method}: ${where} is not valid: ${issue?.message ?? 'unknown problem'}.`;
}
