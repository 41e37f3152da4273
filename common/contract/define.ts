/**
 * How a domain file declares its part of the bridge, once: each method's
 * signature, channel, argument schema and description, and each event's
 * channel, payload schema and description. Everything else (`GlossApi`, the
 * channel map, main's argument checks and error messages, the preload's
 * bridge object, its event subscriptions) is derived from these declarations,
 * so a method declared here is complete and nothing can drift.
 */
import type { z } from 'zod';

/** A bridge method as main implements it: plain arguments in, a promise out. */
export type Signature = (...args: never[]) => Promise<unknown>;

/** IPC channel names read `domain:verb`. */
export type ChannelName = `${string}:${string}`;

export interface MethodSpec<F extends Signature> {
  readonly channel: ChannelName;
  /** Main checks every call's arguments against this before the method runs; a bad call changes nothing. */
  readonly args: z.ZodType<Parameters<F>>;
  /** What the method does, completing "Gloss could not …" in the message of an unexpected failure. */
  readonly description: string;
  /** The signature itself, carried at the type level only (never set at run time). */
  readonly signature?: F;
}

/**
 * Declares a method: `method<(documentId: string) => Promise<OpenedDocument>>({ … })`.
 * A schema whose parsed tuple does not fit the signature's parameters fails the typecheck.
 */
export function method<F extends Signature>(spec: Omit<MethodSpec<F>, 'signature'>): MethodSpec<F> {
  return spec;
}

export interface EventSpec<P> {
  readonly channel: ChannelName;
  /** The preload checks every payload against this before a listener sees it. */
  readonly payload: z.ZodType<P>;
  readonly description: string;
}

/** Declares an event from main to the page, delivered to the page's `on<Name>` subscribers. */
export function event<P>(spec: EventSpec<P>): EventSpec<P> {
  return spec;
}

/** A domain's methods, by name. */
export type MethodTable = Record<string, { readonly channel: ChannelName; readonly args: z.ZodType; readonly description: string }>;

/** A domain's events, by name (`exportProgress`, subscribed to as `onExportProgress`). */
export type EventTable = Record<string, EventSpec<unknown>>;

/** The methods of a table as main implements them and the page calls them (through `gloss`). */
export type ApiOf<T extends MethodTable> = { [M in keyof T]: T[M] extends MethodSpec<infer F> ? F : never };

export type PayloadOf<T extends EventTable, E extends keyof T> = T[E] extends EventSpec<infer P> ? P : never;

/** The name the page subscribes with: `exportProgress` → `onExportProgress`. */
export type SubscriberName<E extends string> = `on${Capitalize<E>}`;

export function subscriberName<E extends string>(eventName: E): SubscriberName<E> {
  return `on${eventName.charAt(0).toUpperCase()}${eventName.slice(1)}` as SubscriberName<E>;
}

/** The page's side of a table's events: one subscribe function each, returning its unsubscribe. */
export type SubscriptionsOf<T extends EventTable> = {
  [E in keyof T & string as SubscriberName<E>]: (listener: (payload: PayloadOf<T, E>) => void) => () => void;
};
