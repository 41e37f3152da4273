import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, isAbsolute } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  documentAssetPolicy,
  isAppUrl,
  resolveAppAsset,
  resolveDocumentAsset,
  serveAppAsset,
} from '../../main/core/app-assets';

/**
 * The app serves itself at gloss://app; the browser test runtime serves the
 * same files at http://gloss.localhost. Both go through these functions, so
 * every rule is checked on both origins.
 */
const appOrigins = ['gloss://app', 'http://gloss.localhost'] as const;

const rootDir = join(tmpdir(), 'gloss-renderer-root');

function isInside(folder: string, path: string): boolean {
  const fromFolder = relative(folder, path);
  return fromFolder !== '' && !fromFolder.startsWith('..') && !isAbsolute(fromFolder);
}

describe.each(appOrigins)('resolveAppAsset on %s', (origin) => {
  it.each([
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/index-wTGGMES9.js', join('assets', 'index-wTGGMES9.js')],
    ['/assets/fonts/Serif%20Text.woff2', join('assets', 'fonts', 'Serif Text.woff2')],
    ['/index.html?from=menu#top', 'index.html'],
  ])('maps %s to %s under the root folder', (path, file) => {
    expect(resolveAppAsset(rootDir, `${origin}${path}`, origin)).toBe(join(rootDir, file));
  });

  it.each([
    'https://evil.example/index.html',
    'http://evil.example/index.html',
    'gloss://other/index.html',
    'gloss://app.evil.example/index.html',
    'http://gloss.localhost.evil.example/index.html',
    'http://gloss.localhost:8080/index.html',
    'https://gloss.localhost/index.html',
    'file:///etc/passwd',
    'about:blank',
    'data:text/html,<h1>hi</h1>',
    'not a url',
    '',
  ])('refuses %s, which is not on the app origin', (url) => {
    expect(resolveAppAsset(rootDir, url, origin)).toBeNull();
  });

  it.each([
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/..%2F..%2Fetc%2Fpasswd',
    '/..%2fsecret.txt',
    '/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    '/assets%2F..%2F..',
  ])('refuses the encoded traversal %s', (path) => {
    expect(resolveAppAsset(rootDir, `${origin}${path}`, origin)).toBeNull();
  });

  it.each(['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/./../../../secret.txt'])(
    'keeps %s inside the root folder (the URL parser removes its dot segments)',
    (path) => {
      const resolved = resolveAppAsset(rootDir, `${origin}${path}`, origin);
      expect(resolved === null || isInside(rootDir, resolved)).toBe(true);
    },
  );

  it.each(['/index.html%00.js', '/%00', '/%00/index.html'])('refuses %s, which carries a NUL byte', (path) => {
    expect(resolveAppAsset(rootDir, `${origin}${path}`, origin)).toBeNull();
  });

  it.each(['/%', '/%ZZ', '/index%2.html', '/%E0%A4%A', '/%C3%28', '/%FF'])('refuses %s, whose percent-encoding is malformed', (path) => {
    expect(resolveAppAsset(rootDir, `${origin}${path}`, origin)).toBeNull();
  });
});

describe('serveAppAsset', () => {
  let parentDir: string;
  let root: string;
  const secret = 'the secret outside the renderer folder';

  beforeAll(async () => {
    parentDir = await mkdtemp(join(tmpdir(), 'gloss-assets-'));
    root = join(parentDir, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Gloss</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log("gloss");');
    await writeFile(join(root, 'assets', 'style.css'), 'body { margin: 0; }');
    await writeFile(join(root, 'assets', 'blob.xyz'), 'opaque');
    await writeFile(join(parentDir, 'secret.txt'), secret);
  });

  afterAll(async () => {
    await rm(parentDir, { recursive: true, force: true });
  });

  describe.each(appOrigins)('on %s', (origin) => {
    it.each([
      ['/', /^text\/html;\s*charset=utf-8$/i, '<!doctype html><title>Gloss</title>'],
      ['/index.html', /^text\/html;\s*charset=utf-8$/i, '<!doctype html><title>Gloss</title>'],
      ['/assets/app.js', /^text\/javascript;\s*charset=utf-8$/i, 'console.log("gloss");'],
      ['/assets/style.css', /^text\/css;\s*charset=utf-8$/i, 'body { margin: 0; }'],
    ])('serves %s with status 200, its content type, the file and the CSP header', async (path, type, body) => {
      const response = await serveAppAsset(root, `${origin}${path}`, origin);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(type);
      expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.body.toString('utf8')).toBe(body);
    });

    it('serves a file of unknown type as opaque bytes, never as something the page could run', async () => {
      const response = await serveAppAsset(root, `${origin}/assets/blob.xyz`, origin);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/octet-stream');
    });

    it.each(['/missing.html', '/assets/missing.js', '/assets', '/assets/'])(
      'answers %s, which is no file, with 404 and the CSP header',
      async (path) => {
        const response = await serveAppAsset(root, `${origin}${path}`, origin);
        expect(response.status).toBe(404);
        expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
      },
    );

    it.each(['/..%2Fsecret.txt', '/%2e%2e%2fsecret.txt', '/assets/..%2F..%2Fsecret.txt'])(
      'answers the traversal %s with 404, not the file outside the folder',
      async (path) => {
        const response = await serveAppAsset(root, `${origin}${path}`, origin);
        expect(response.status).toBe(404);
        expect(response.body.toString('utf8')).not.toContain(secret);
        expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
      },
    );
  });

  it('answers a request for another origin with 404', async () => {
    const response = await serveAppAsset(root, 'https://evil.example/index.html', 'gloss://app');
    expect(response.status).toBe(404);
    expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
  });
});

describe('contentSecurityPolicy', () => {
  const directives = new Map(
    contentSecurityPolicy.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it.each([
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['connect-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ])('sets %s to %j', (name, values) => {
    expect(directives.get(name)).toEqual(values);
  });

  it('allows no inline or evaluated code and no remote images', () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
  });
});

describe('isAppUrl', () => {
  it.each([
    { url: 'gloss://app/index.html', origin: 'gloss://app', expected: true },
    { url: 'gloss://app/', origin: 'gloss://app', expected: true },
    { url: 'gloss://app/reader/view.html?id=1#top', origin: 'gloss://app', expected: true },
    { url: 'gloss://other/index.html', origin: 'gloss://app', expected: false },
    { url: 'gloss://app.evil.example/index.html', origin: 'gloss://app', expected: false },
    { url: 'gloss://app:8080/index.html', origin: 'gloss://app', expected: false },
    { url: 'http://app/index.html', origin: 'gloss://app', expected: false },
    { url: 'https://evil.example/', origin: 'gloss://app', expected: false },
    { url: 'file:///etc/passwd', origin: 'gloss://app', expected: false },
    { url: 'about:blank', origin: 'gloss://app', expected: false },
    { url: 'data:text/html,gloss://app/', origin: 'gloss://app', expected: false },
    { url: 'not a url', origin: 'gloss://app', expected: false },
    { url: '', origin: 'gloss://app', expected: false },
    { url: undefined, origin: 'gloss://app', expected: false },
    { url: 'http://gloss.localhost/index.html', origin: 'http://gloss.localhost', expected: true },
    { url: 'http://gloss.localhost/', origin: 'http://gloss.localhost', expected: true },
    { url: 'http://gloss.localhost.evil.example/', origin: 'http://gloss.localhost', expected: false },
    { url: 'http://gloss.localhost:8080/', origin: 'http://gloss.localhost', expected: false },
    { url: 'https://gloss.localhost/', origin: 'http://gloss.localhost', expected: false },
    { url: 'http://evil.example/?http://gloss.localhost/', origin: 'http://gloss.localhost', expected: false },
  ])('says $expected for $url on $origin', ({ url, origin, expected }) => {
    expect(isAppUrl(url, origin)).toBe(expected);
  });
});

describe('documents’ stored images', () => {
  const id = '6f1c1e8e-0000-4000-8000-0000000000e1';
  let parentDir: string;
  let root: string;
  let dataDir: string;

  beforeAll(async () => {
    parentDir = await mkdtemp(join(tmpdir(), 'gloss-document-assets-'));
    root = join(parentDir, 'renderer');
    dataDir = join(parentDir, 'data');
    await mkdir(join(root, 'documents', id, 'assets'), { recursive: true });
    await writeFile(join(root, 'documents', id, 'assets', 'decoy.png'), 'from the renderer folder');
    await mkdir(join(dataDir, 'documents', id, 'assets'), { recursive: true });
    await writeFile(join(dataDir, 'documents', id, 'assets', 'lamp-room.png'), 'PNG bytes');
    await writeFile(
      join(dataDir, 'documents', id, 'assets', 'plate.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    await writeFile(join(dataDir, 'documents', id, 'document.json'), '{"secret": true}');
    await writeFile(join(dataDir, 'library.json'), '{"secret": true}');
    // Links a hostile EPUB or a sync engine could leave in an assets folder: to a file outside, and to a file inside.
    await symlink(join(dataDir, 'library.json'), join(dataDir, 'documents', id, 'assets', 'passwd.png'));
    await symlink(join(dataDir, 'documents', id, 'assets', 'lamp-room.png'), join(dataDir, 'documents', id, 'assets', 'alias.png'));
  });

  afterAll(async () => {
    await rm(parentDir, { recursive: true, force: true });
  });

  describe.each(appOrigins)('on %s', (origin) => {
    it('serves an image from the library with its content type, under a policy that lets it load and run nothing', async () => {
      const response = await serveAppAsset(root, `${origin}/documents/${id}/assets/lamp-room.png`, origin, dataDir);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.headers['content-security-policy']).toBe(documentAssetPolicy);
      expect(response.body.toString('utf8')).toBe('PNG bytes');
    });

    it('serves a book’s SVG as an image, sandboxed: opened as a page, its script could not run', async () => {
      const response = await serveAppAsset(root, `${origin}/documents/${id}/assets/plate.svg`, origin, dataDir);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('image/svg+xml');
      expect(response.headers['content-security-policy']).toMatch(/^default-src 'none';.*\bsandbox$/);
      expect(response.headers['content-security-policy']).not.toContain('script-src');
    });

    it('keeps the app’s own policy for the app’s pages', async () => {
      const response = await serveAppAsset(root, `${origin}/documents/${id}/assets/missing.png`, origin);
      expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
    });

    it.each([
      `/documents/${id}/document.json`,
      `/documents/${id}/assets/../document.json`,
      `/documents/${id}/assets/..%2Fdocument.json`,
      `/documents/${id}/assets/%2e%2e%2f%2e%2e%2f..%2flibrary.json`,
      `/documents/${id}/assets/lamp%2Droom.png`,
      `/documents/${id}/assets/sub/lamp-room.png`,
      `/documents/${id}/assets/missing.png`,
      `/documents/${id}/assets/decoy.png`,
      `/documents/${id}/assets/passwd.png`,
      `/documents/${id}/assets/alias.png`,
      `/documents/../library.json`,
      `/documents/${id.toUpperCase()}/assets/lamp-room.png`,
      '/documents/library.json',
    ])('answers %s with 404: only an existing image, named exactly, is served', async (path) => {
      const response = await serveAppAsset(root, `${origin}${path}`, origin, dataDir);
      expect(response.status).toBe(404);
      expect(response.body.toString('utf8')).not.toContain('secret');
      expect(response.body.toString('utf8')).not.toContain('renderer folder');
    });

    it('resolves only the exact shape, to the file in the document’s assets folder', () => {
      expect(resolveDocumentAsset(dataDir, `${origin}/documents/${id}/assets/lamp-room.png`, origin)).toBe(
        join(dataDir, 'documents', id, 'assets', 'lamp-room.png'),
      );
      expect(resolveDocumentAsset(dataDir, `https://evil.example/documents/${id}/assets/lamp-room.png`, origin)).toBeNull();
    });
  });

  it('serves nothing from the library when no data folder is given (the renderer alone)', async () => {
    const response = await serveAppAsset(root, `gloss://app/documents/${id}/assets/lamp-room.png`, 'gloss://app');
    expect(response.body.toString('utf8')).not.toBe('PNG bytes');
  });
});
