import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  channels,
  createBridge,
  eventDomains,
  glossEvents,
  glossMethods,
  method,
  methodDomains,
  type OpenedDocument,
  subscriberName,
  type Transport,
} from '../../../common/contract';

describe('the contract by domain', () => {
  const declared = Object.values(methodDomains).flatMap((domain) => Object.entries(domain));

  it('declares each method in exactly one domain, and the assembled API holds them all', () => {
    const names = declared.map(([name]) => name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(glossMethods).sort()).toEqual([...names].sort());
    expect(Object.keys(channels).sort()).toEqual([...names].sort());
  });

  it('gives every method and event its own domain:verb channel and a description', () => {
    const eventSpecs = Object.values(eventDomains).flatMap((domain) => Object.values(domain));
    const all = [...declared.map(([, spec]) => spec), ...eventSpecs];
    for (const spec of all) {
      expect(spec.channel).toMatch(/^[a-z-]+:[a-z-]+$/);
      expect(spec.description.length).toBeGreaterThan(3);
    }
    const used = all.map((spec) => spec.channel);
    expect(new Set(used).size).toBe(used.length);
    expect(Object.keys(glossEvents).length).toBe(eventSpecs.length);
  });

  it('refuses, at the typecheck, a schema that does not fit the signature it declares', () => {
    const drifted = method<(documentId: string) => Promise<OpenedDocument>>({
      channel: 'x:y',
      // Without `method`'s check this line would compile, and the directive would then fail the typecheck.
      // @ts-expect-error the schema takes a number where the signature takes a document id
      args: z.tuple([z.number()]),
      description: 'x',
    });
    expect(drifted.args.safeParse([1]).success).toBe(true);
  });
});

describe('createBridge', () => {
  function fakeTransport() {
    const listeners = new Map<string, (payload: unknown) => void>();
    const transport: Transport = {
      invoke: vi.fn(async () => ({ ok: true, value: 'answer' })),
      subscribe: vi.fn((channel: string, listener: (payload: unknown) => void) => {
        listeners.set(channel, listener);
        return () => listeners.delete(channel);
      }),
    };
    return { transport, send: (channel: string, payload: unknown) => listeners.get(channel)?.(payload), listeners };
  }

  it('sends each method on its channel with its arguments', async () => {
    const { transport } = fakeTransport();
    const bridge = createBridge(transport, () => undefined);
    await expect(bridge.openDocument('abc')).resolves.toEqual({ ok: true, value: 'answer' });
    expect(transport.invoke).toHaveBeenCalledWith(glossMethods.openDocument.channel, ['abc']);
  });

  it('has one subscribe function per event, and nothing else beside the methods', () => {
    const bridge = createBridge(fakeTransport().transport, () => undefined);
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(glossMethods), ...Object.keys(glossEvents).map(subscriberName)].sort());
    expect(subscriberName('exportProgress')).toBe('onExportProgress');
  });

  it('hands a listener only payloads that fit the event’s schema, and reports the others', () => {
    const { transport, send, listeners } = fakeTransport();
    const reports: string[] = [];
    const bridge = createBridge(transport, (message) => reports.push(message));
    const heard: unknown[] = [];
    const unsubscribe = bridge.onExportProgress((progress) => heard.push(progress));
    const channel = glossEvents.exportProgress.channel;

    send(channel, { stage: 'writing', done: 1, total: 3 });
    send(channel, { stage: 'writing', done: 'all', total: 3 });
    send(channel, { stage: 'writing', done: 4, total: 3 });
    send(channel, { stage: 'sending', done: 1, total: 3 });
    send(channel, { done: 1, total: 3 });
    expect(heard).toEqual([{ stage: 'writing', done: 1, total: 3 }]);
    expect(reports).toHaveLength(4);
    expect(reports[0]).toContain('exportProgress');

    unsubscribe();
    expect(listeners.has(channel)).toBe(false);
  });

  it('hands import progress on only when it fits its schema (at least one file or chapter, never more done than there are)', () => {
    const { transport, send } = fakeTransport();
    const reports: string[] = [];
    const bridge = createBridge(transport, (message) => reports.push(message));
    const heard: unknown[] = [];
    bridge.onImportProgress((progress) => heard.push(progress));
    const channel = glossEvents.importProgress.channel;
    send(channel, { done: 2, total: 10 });
    send(channel, { done: 11, total: 10 });
    send(channel, { done: 0, total: 0 });
    send(channel, { done: 1.5, total: 10 });
    send(channel, { done: 0, total: 1, chapters: { done: 47, total: 94 } });
    send(channel, { done: 0, total: 1, chapters: { done: 95, total: 94 } });
    send(channel, { done: 0, total: 1, chapters: { done: 1, total: 0 } });
    expect(heard).toEqual([
      { done: 2, total: 10 },
      { done: 0, total: 1, chapters: { done: 47, total: 94 } },
    ]);
    expect(reports).toHaveLength(5);
  });

  it('hands on how much of the library search holds only when it fits its schema', () => {
    const { transport, send } = fakeTransport();
    const reports: string[] = [];
    const bridge = createBridge(transport, (message) => reports.push(message));
    const heard: unknown[] = [];
    bridge.onSearchIndexProgress((progress) => heard.push(progress));
    const channel = glossEvents.searchIndexProgress.channel;
    send(channel, { done: 3_200, total: 10_000 });
    send(channel, { done: 10_001, total: 10_000 });
    send(channel, { done: -1, total: 10 });
    expect(heard).toEqual([{ done: 3_200, total: 10_000 }]);
    expect(reports).toHaveLength(2);
  });

  it('delivers menu commands it knows and drops any other string', () => {
    const { transport, send } = fakeTransport();
    const bridge = createBridge(transport, () => undefined);
    const heard: string[] = [];
    bridge.onMenuCommand((command) => heard.push(command));
    send(glossEvents.menuCommand.channel, 'export');
    send(glossEvents.menuCommand.channel, 'prepare-to-close');
    expect(heard).toEqual(['export']);
  });
});
