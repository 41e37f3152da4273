import { describe, expect, it, type Mock, vi } from 'vitest';
import { channels, type GlossApi, type GlossMethod, type ReadingPosition } from '../../../common/contract';
import { createDispatcher } from '../../../main/core/dispatch';
import { CorruptFileError, GlossError, NewerSchemaError } from '../../../main/core/errors';

const documentId = '3f2b8c1e-0d4a-4f6b-9a7e-5c1d2e3f4a5b';
const position: ReadingPosition = { blockIndex: 3, blockOffset: 0.5, progress: 0.25 };

// Stand-ins for what the service returns; the dispatcher passes them through untouched.
const libraryState = { documents: [], lastOpenedDocumentId: null, notices: [] };
const openedDocument = { summary: { id: documentId, title: 'T' }, markdown: '# T\n', readingPosition: null, notices: [] };

type FakeMethod = Mock<(...args: unknown[]) => unknown>;

/** A fake of every method of the API (so none can be reached by accident), answering like the real ones. */
function fakeService(): Record<GlossMethod, FakeMethod> {
  const service = Object.fromEntries(
    Object.keys(channels).map((method) => [method, vi.fn<(...args: unknown[]) => unknown>(async () => undefined)]),
  ) as Record<GlossMethod, FakeMethod>;
  service.getLibrary.mockImplementation(async () => libraryState);
  service.openDocument.mockImplementation(async () => openedDocument);
  return service;
}

function setup() {
  const service = fakeService();
  const log = vi.fn<(message: string, error: unknown) => void>();
  const dispatch = createDispatcher(service as unknown as GlossApi, log);
  const expectServiceUntouched = () => {
    for (const method of Object.values(service)) expect(method).not.toHaveBeenCalled();
  };
  return { service, log, dispatch, expectServiceUntouched };
}

describe('createDispatcher', () => {
  it.each<[string, unknown]>([
    ['an unknown channel', 'library:delete'],
    ['a method name instead of its channel', 'getLibrary'],
    ['a channel in the wrong case', 'LIBRARY:GET'],
    ['an empty channel', ''],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['a number', 42],
    ['null', null],
  ])('answers %s with invalid-argument without calling the service', async (_label, channel) => {
    const { dispatch, log, expectServiceUntouched } = setup();

    const result = await dispatch(channel as string, []);

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expectServiceUntouched();
    expect(log).not.toHaveBeenCalled();
  });

  it('does not echo a huge unknown channel name back in full', async () => {
    const { dispatch } = setup();

    const result = await dispatch(`x:${'y'.repeat(100_000)}`, []);

    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.message.length).toBeLessThan(200);
  });

  const validPosition = position;
  it.each<[string, string, unknown]>([
    // getLibrary
    ['getLibrary with an argument', channels.getLibrary, [1]],
    ['getLibrary with null args', channels.getLibrary, null],
    ['getLibrary with undefined args', channels.getLibrary, undefined],
    ['getLibrary with an object for args', channels.getLibrary, {}],
    ['getLibrary with a string for args', channels.getLibrary, ''],
    // openDocument
    ['openDocument without arguments', channels.openDocument, []],
    ['openDocument with two arguments', channels.openDocument, [documentId, documentId]],
    ['openDocument with a number', channels.openDocument, [42]],
    ['openDocument with null', channels.openDocument, [null]],
    ['openDocument with an object', channels.openDocument, [{ id: documentId }]],
    ['openDocument with an empty id', channels.openDocument, ['']],
    ['openDocument with a slash', channels.openDocument, ['abc/def']],
    ['openDocument with a backslash', channels.openDocument, ['abc\\def']],
    ['openDocument with ..', channels.openDocument, ['..']],
    ['openDocument with a path traversal', channels.openDocument, ['../../etc/passwd']],
    ['openDocument with a dot', channels.openDocument, ['abc.json']],
    ['openDocument with a space', channels.openDocument, ['abc def']],
    ['openDocument with a NUL byte', channels.openDocument, ['abc\u0000']],
    ['openDocument with a 65-character id', channels.openDocument, ['a'.repeat(65)]],
    ['openDocument with a huge string', channels.openDocument, ['a'.repeat(1_000_000)]],
    ['openDocument with the id as a bare string', channels.openDocument, documentId],
    ['openDocument with an array-like object', channels.openDocument, { 0: documentId, length: 1 }],
    ['openDocument with null args', channels.openDocument, null],
    // saveReadingPosition
    ['saveReadingPosition without a position', channels.saveReadingPosition, [documentId]],
    ['saveReadingPosition with a third argument', channels.saveReadingPosition, [documentId, validPosition, 'extra']],
    ['saveReadingPosition with a bad id', channels.saveReadingPosition, ['../x', validPosition]],
    ['saveReadingPosition with a null position', channels.saveReadingPosition, [documentId, null]],
    ['saveReadingPosition with a position array', channels.saveReadingPosition, [documentId, [3, 0.5, 0.25]]],
    ['saveReadingPosition with a missing field', channels.saveReadingPosition, [documentId, { blockIndex: 3, blockOffset: 0.5 }]],
    ['saveReadingPosition with a NaN offset', channels.saveReadingPosition, [documentId, { ...validPosition, blockOffset: Number.NaN }]],
    ['saveReadingPosition with a NaN progress', channels.saveReadingPosition, [documentId, { ...validPosition, progress: Number.NaN }]],
    [
      'saveReadingPosition with a NaN block index',
      channels.saveReadingPosition,
      [documentId, { ...validPosition, blockIndex: Number.NaN }],
    ],
    [
      'saveReadingPosition with an infinite block index',
      channels.saveReadingPosition,
      [documentId, { ...validPosition, blockIndex: Number.POSITIVE_INFINITY }],
    ],
    [
      'saveReadingPosition with an unsafe block index',
      channels.saveReadingPosition,
      [documentId, { ...validPosition, blockIndex: 2 ** 60 }],
    ],
    ['saveReadingPosition with a negative block index', channels.saveReadingPosition, [documentId, { ...validPosition, blockIndex: -1 }]],
    [
      'saveReadingPosition with a fractional block index',
      channels.saveReadingPosition,
      [documentId, { ...validPosition, blockIndex: 1.5 }],
    ],
    ['saveReadingPosition with a negative offset', channels.saveReadingPosition, [documentId, { ...validPosition, blockOffset: -0.01 }]],
    ['saveReadingPosition with an offset over 1', channels.saveReadingPosition, [documentId, { ...validPosition, blockOffset: 1.01 }]],
    ['saveReadingPosition with negative progress', channels.saveReadingPosition, [documentId, { ...validPosition, progress: -1 }]],
    ['saveReadingPosition with progress over 1', channels.saveReadingPosition, [documentId, { ...validPosition, progress: 1.5 }]],
    ['saveReadingPosition with a string number', channels.saveReadingPosition, [documentId, { ...validPosition, progress: '0.5' }]],
    ['saveReadingPosition with null args', channels.saveReadingPosition, null],
    // openExternal
    ['openExternal without arguments', channels.openExternal, []],
    ['openExternal with a number', channels.openExternal, [42]],
    ['openExternal with null', channels.openExternal, [null]],
    ['openExternal with a URL object', channels.openExternal, [{ href: 'https://example.com' }]],
    ['openExternal with a list of links', channels.openExternal, [['https://example.com']]],
    ['openExternal with two links', channels.openExternal, ['https://a.example', 'https://b.example']],
    ['openExternal with a link over 8192 characters', channels.openExternal, [`https://example.com/${'a'.repeat(8192)}`]],
    ['openExternal with the link as a bare string', channels.openExternal, 'https://example.com'],
  ])('answers %s with invalid-argument without calling the service', async (_label, channel, args) => {
    const { dispatch, log, expectServiceUntouched } = setup();

    const result = await dispatch(channel, args);

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.any(String) } });
    expectServiceUntouched();
    expect(log).not.toHaveBeenCalled();
  });

  it.each<[string, string, unknown[], GlossMethod, unknown[], unknown]>([
    ['getLibrary', channels.getLibrary, [], 'getLibrary', [], libraryState],
    ['openDocument', channels.openDocument, [documentId], 'openDocument', [documentId], openedDocument],
    ['openDocument with a 64-character id', channels.openDocument, ['A-'.repeat(32)], 'openDocument', ['A-'.repeat(32)], openedDocument],
    ['saveReadingPosition', channels.saveReadingPosition, [documentId, position], 'saveReadingPosition', [documentId, position], undefined],
    [
      'saveReadingPosition at the start',
      channels.saveReadingPosition,
      [documentId, { blockIndex: 0, blockOffset: 0, progress: 0 }],
      'saveReadingPosition',
      [documentId, { blockIndex: 0, blockOffset: 0, progress: 0 }],
      undefined,
    ],
    [
      'saveReadingPosition at the very end',
      channels.saveReadingPosition,
      [documentId, { blockIndex: 9999, blockOffset: 1, progress: 1 }],
      'saveReadingPosition',
      [documentId, { blockIndex: 9999, blockOffset: 1, progress: 1 }],
      undefined,
    ],
    [
      'saveReadingPosition with an unknown extra field, which is dropped',
      channels.saveReadingPosition,
      [documentId, { ...position, scrollY: 1234 }],
      'saveReadingPosition',
      [documentId, position],
      undefined,
    ],
    ['openExternal', channels.openExternal, ['https://example.com/a?b=c'], 'openExternal', ['https://example.com/a?b=c'], undefined],
    ['openExternal with an 8192-character link', channels.openExternal, ['h'.repeat(8192)], 'openExternal', ['h'.repeat(8192)], undefined],
  ])(
    'passes a valid %s call to the service with the parsed arguments and returns its value',
    async (_label, channel, args, method, expectedArgs, value) => {
      const { dispatch, service, log } = setup();

      const result = await dispatch(channel, args);

      expect(result).toEqual({ ok: true, value });
      expect(service[method]).toHaveBeenCalledTimes(1);
      expect(service[method].mock.calls[0]).toStrictEqual(expectedArgs);
      for (const [other, fn] of Object.entries(service)) if (other !== method) expect(fn).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
    },
  );

  it('calls the service method with the service as this', async () => {
    const { service, log } = setup();
    let receiver: unknown = null;
    service.getLibrary.mockImplementation(async function (this: unknown) {
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the receiver is what this test checks
      receiver = this;
      return libraryState;
    });

    await createDispatcher(service as unknown as GlossApi, log)(channels.getLibrary, []);

    expect(receiver).toBe(service);
  });

  it.each<[string, GlossError]>([
    ['not-found', new GlossError('not-found', 'There is no such document.')],
    ['forbidden', new GlossError('forbidden', 'Gloss opens only web and mail links.')],
    ['storage', new GlossError('storage', 'The disk is full.')],
    ['invalid-argument', new GlossError('invalid-argument', 'That is not a document.')],
    ['storage (damaged file)', new CorruptFileError('/data/library.json', 'the file is empty')],
    ['storage (newer file)', new NewerSchemaError('/data/library.json', 9, 1)],
  ])('answers a GlossError with code %s with that code and message, without logging it', async (_label, error) => {
    const { dispatch, service, log } = setup();
    service.openDocument.mockRejectedValueOnce(error);

    const result = await dispatch(channels.openDocument, [documentId]);

    expect(result).toEqual({ ok: false, error: { code: error.code, message: error.message } });
    expect(log).not.toHaveBeenCalled();
  });

  it('answers an unexpected Error with internal and logs it', async () => {
    const { dispatch, service, log } = setup();
    const error = new TypeError('Cannot read properties of undefined');
    service.saveReadingPosition.mockRejectedValueOnce(error);

    const result = await dispatch(channels.saveReadingPosition, [documentId, position]);

    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(result.ok ? '' : result.error.message).toContain('Cannot read properties of undefined');
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toContain('saveReadingPosition');
    expect(log.mock.calls[0]![1]).toBe(error);
  });

  it.each<[string, unknown]>([
    ['a string', 'something broke'],
    ['null', null],
    ['undefined', undefined],
    ['a plain object', { reason: 'odd' }],
  ])('answers a thrown %s with internal and logs it', async (_label, thrown) => {
    const { dispatch, service, log } = setup();
    service.getLibrary.mockImplementationOnce(() => Promise.reject(thrown));

    const result = await dispatch(channels.getLibrary, []);

    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![1]).toBe(thrown);
  });

  it('answers a service method that throws synchronously with internal', async () => {
    const { dispatch, service, log } = setup();
    const error = new Error('sync failure');
    service.openExternal.mockImplementationOnce(() => {
      throw error;
    });

    const result = await dispatch(channels.openExternal, ['https://example.com']);

    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('openExternal'), error);
  });
});

describe('importDocuments arguments', () => {
  it('passes files as bytes (read from disk) or as text (pasted) to the service', async () => {
    const { dispatch, service } = setup();
    const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04]);
    const result = await dispatch(channels.importDocuments, [
      [
        { name: 'book.epub', content: bytes },
        { name: 'Pasted page.html', content: '<p>hi</p>' },
      ],
    ]);
    expect(result.ok).toBe(true);
    expect(service.importDocuments).toHaveBeenCalledWith([
      { name: 'book.epub', content: bytes },
      { name: 'Pasted page.html', content: '<p>hi</p>' },
    ]);
  });

  it.each<[string, unknown]>([
    ['bytes over the 50 MB limit', new Uint8Array(50 * 1024 * 1024 + 1)],
    ['an ArrayBuffer rather than bytes', new ArrayBuffer(4)],
    ['an array of numbers', [0x50, 0x4b]],
    ['an object posing as bytes', { byteLength: 4, 0: 1 }],
  ])('refuses %s without calling the service', async (_label, content) => {
    const { dispatch, expectServiceUntouched } = setup();
    const result = await dispatch(channels.importDocuments, [[{ name: 'book.epub', content }]]);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expectServiceUntouched();
  });
});
