/**
 * `gloss`: the library from the command line, through the same core as the
 * app and without Electron. Exit codes: 0 success, 1 bad input (one line on
 * stderr), 2 usage error.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDataDir, resolveDataDir, seedArticlePath } from './config';
import { GlossError } from './core/errors';
import type { LibraryExportRequest } from './core/export/build';
import { exportFormats, type ExportFormat, partUnderWay } from '../common/contract';
import { terminalText } from './terminal-text';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * A line of progress that replaces the one before it, and null to clear it:
   * given only when stderr is a terminal, so pipes and logs get results alone.
   */
  status?(text: string | null): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

class UsageError extends Error {}

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[], io: CliIo): Promise<void>;
}

const dataDirOption = { 'data-dir': { type: 'string' } } as const;

// Each command loads the core it uses when it runs (import()), not every command's at start-up: `gloss list`
// does not parse Markdown or YAML, and loading marked, yaml and the importers made it start ~4× slower than Node.
const commands: Record<string, Command> = {
  list: {
    summary: 'List the documents in the library with their id, title and highlight count.',
    usage: 'gloss list [--data-dir DIR] [--json]',
    options: { ...dataDirOption, json: { type: 'boolean' } },
    async run(values, _positionals, io) {
      const { readLibrary } = await import('./core/storage/library-reader');
      const documents = await readLibrary(await dataDirOf(values, io));
      const rows = documents.map(({ summary, data, problem }) => ({
        id: summary.id,
        title: summary.title,
        highlights: data?.highlights.length ?? null,
        ...(problem ? { problem } : {}),
      }));
      if (values.json) {
        io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      for (const row of rows) {
        const count = row.highlights === null ? 'unreadable' : `${row.highlights} highlight${row.highlights === 1 ? '' : 's'}`;
        io.stdout(`${row.id}  ${terminalText(row.title)}  (${count})\n`);
      }
    },
  },
};

commands.export = {
  summary: 'Export highlights and notes as Markdown (one file per document), W3C Web Annotation JSON, Readwise CSV or HTML.',
  usage: 'gloss export --format markdown|json|csv|html [--document ID ... | --all] [--out PATH] [--raw-csv] [--data-dir DIR]',
  options: {
    ...dataDirOption,
    format: { type: 'string' },
    document: { type: 'string', multiple: true },
    all: { type: 'boolean' },
    out: { type: 'string' },
    // CSV cells starting with = + - @ TAB CR get a leading ' so a spreadsheet shows them as text; this writes them exactly.
    'raw-csv': { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const format = values.format;
    if (typeof format !== 'string' || !(exportFormats as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${exportFormats.join(', ')}`);
    }
    const ids = Array.isArray(values.document) ? values.document : [];
    if (ids.length > 0 && values.all) throw new UsageError('give --document or --all, not both');
    const dataDir = await dataDirOf(values, io);
    const { exportFromDataFolder, saveExport } = await import('./core/export/build');
    const request: LibraryExportRequest = {
      dataDir,
      ids: ids.length > 0 ? ids : 'all',
      format: format as ExportFormat,
      options: { exportedAt: new Date(), appVersion: await appVersion(), csvFormulas: values['raw-csv'] ? 'raw' : 'neutralised' },
    };
    const out = typeof values.out === 'string' ? resolve(io.cwd, values.out) : null;
    if (out) {
      const saved = await saveExport(request, out);
      for (const problem of saved.skipped) io.stderr(`gloss export: skipped ${terminalText(problem)}\n`);
      for (const reason of saved.leftAlone) io.stderr(`gloss export: ${terminalText(reason)}\n`);
      if (saved.destination === 'folder')
        io.stderr(`gloss export: wrote ${saved.fileCount} Markdown file${saved.fileCount === 1 ? '' : 's'} to ${terminalText(out)}\n`);
      if (saved.leftAlone.length > 0)
        throw new GlossError(
          'conflict',
          `${saved.leftAlone.length} file${saved.leftAlone.length === 1 ? ' was' : 's were'} left alone (see above).`,
        );
      return;
    }
    const built = await exportFromDataFolder(request);
    for (const problem of built.skipped) io.stderr(`gloss export: skipped ${terminalText(problem)}\n`);
    if (built.destination === 'folder')
      throw new UsageError('Markdown is one file per document: name one --document, or give --out FOLDER');
    io.stdout(built.files[0]?.text ?? '');
  },
};

commands.import = {
  summary:
    'Add documents (Markdown, text, HTML, EPUB) and highlights (Kindle My Clippings.txt or notebook export, Readwise CSV, W3C Web Annotation JSON).',
  usage: 'gloss import FILE... [--data-dir DIR]',
  options: { ...dataDirOption },
  async run(values, positionals, io) {
    if (positionals.length === 0) throw new UsageError('name at least one file to import');
    // Read one at a time when its turn comes: a missing or refused file is that file's outcome, not the batch's.
    const [{ importFiles }, { readImportFile }, { acquireDataLock }, { LibraryStore }] = await Promise.all([
      import('./core/import/import-files'),
      import('./core/import/read-import-file'),
      import('./core/storage/data-lock'),
      import('./core/storage/library-store'),
    ]);
    const files = positionals.map((path) => ({ name: basename(path), read: () => readImportFile(resolve(io.cwd, path)) }));
    const dataDir = await dataDirOf(values, io);
    await mkdir(dataDir, { recursive: true });
    // Never two writers: while the app (or another import) holds the folder, this refuses with who holds it.
    const lock = await acquireDataLock(dataDir, 'gloss import');
    let refused = 0;
    try {
      const store = await LibraryStore.open({ dataDir, seedArticlePath: seedArticlePath(projectRoot), afterCrash: lock.tookOver });
      const outcomes = await importFiles(store, dataDir, files, {
        onProgress: ({ done, total, chapters }) => {
          // A batch, or a big book's half minute: say how far, as the app's notice does.
          if (done >= total) return;
          const chapter = chapters ? `, chapter ${partUnderWay(chapters)} of ${chapters.total}` : '';
          io.status?.(`gloss import: file ${done + 1} of ${total}${chapter}`);
        },
      });
      io.status?.(null);
      for (const outcome of outcomes) {
        const name = terminalText(outcome.name);
        if (outcome.status === 'added') {
          io.stdout(`${name}: added “${terminalText(outcome.title)}” (${outcome.documentId})\n`);
          for (const warning of outcome.warnings ?? []) io.stdout(`  ${terminalText(warning)}\n`);
        } else if (outcome.status === 'duplicate')
          io.stdout(`${name}: already in the library as “${terminalText(outcome.title)}”; nothing added\n`);
        else if (outcome.status === 'annotations') io.stdout(`${name}: ${terminalText(outcome.summary)}\n`);
        // The command line has no cancel (Ctrl+C ends it), but the outcome is typed for every caller.
        else if (outcome.status === 'cancelled') io.stdout(`${name}: cancelled; nothing added\n`);
        else {
          refused++;
          io.stderr(`gloss import: ${terminalText(outcome.reason)}\n`);
        }
      }
      await store.flush();
    } finally {
      await lock.release();
    }
    if (refused > 0)
      throw new GlossError(
        'invalid-argument',
        `${refused} of ${files.length} file${files.length === 1 ? ' was' : 's were'} not imported (see above); the others were.`,
      );
  },
};

/** The checkout this runs from: main/cli.ts from source, out/main/cli.js once built. */
const projectRoot = fileURLToPath(new URL(import.meta.url.includes('/out/main/') ? '../..' : '..', import.meta.url));

async function appVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

commands.sync = {
  summary:
    'Show library sync: the synced folder, last sync, devices seen, what merging gives, whether reading settings are shared, any problem (reads only).',
  usage: 'gloss sync status [--data-dir DIR] [--json]',
  options: { ...dataDirOption, json: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length !== 1 || positionals[0] !== 'status') throw new UsageError('the only sync command is "status"');
    const { readLibrarySyncStatus } = await import('./core/library-sync/library-sync');
    const summary = await readLibrarySyncStatus(await dataDirOf(values, io));
    if (values.json) {
      io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
      return;
    }
    const { status } = summary;
    if (status.folder === null) {
      io.stdout('Library sync is off. Turn it on in the app: File › Sync Library….\n');
      return;
    }
    const devices = status.devices.map(
      (device) => `${terminalText(device.name ?? device.deviceId)}${device.thisDevice ? ' (this device)' : ''}: ${device.changes} changes`,
    );
    io.stdout(
      [
        `Folder: ${terminalText(status.folder)}`,
        `Last synced: ${status.lastSyncedAt ?? 'never'}`,
        `Devices seen: ${devices.length === 0 ? 'none yet' : devices.join('; ')}`,
        `Merged: ${summary.changes} changes, ${summary.documents} documents, ${summary.highlights} highlights`,
        `Reading settings: ${status.sharesSettings ? 'shared with the other devices' : 'not shared'}`,
        `Problem: ${terminalText(status.problem ?? 'none')}`,
      ].join('\n') + '\n',
    );
  },
};

/**
 * The library folder the command works on. An empty `--data-dir` is a usage
 * error: read as "not given" it once sent an import into the default library.
 * A path to a file gets one sentence rather than ENOTDIR.
 */
async function dataDirOf(values: Record<string, unknown>, io: CliIo): Promise<string> {
  if (values['data-dir'] === '') throw new UsageError('--data-dir needs a folder; it was given an empty one');
  const flag = typeof values['data-dir'] === 'string' ? ['--data-dir', values['data-dir']] : [];
  const dataDir = resolveDataDir(flag, io.env, defaultDataDir(process.platform, io.env, homedir()), io.cwd);
  const existing = await stat(dataDir).catch(() => null);
  if (existing && !existing.isDirectory())
    throw new GlossError('invalid-argument', `${dataDir} is a file, not a folder: --data-dir names the folder that holds the library.`);
  return dataDir;
}

function helpText(): string {
  const lines = ['Usage: gloss <command> [options]', '', 'Commands:'];
  for (const [name, command] of Object.entries(commands)) lines.push(`  ${name.padEnd(8)} ${command.summary}`);
  lines.push(
    '',
    'Run gloss <command> --help for its options. The default data folder is the app’s own; GLOSS_DATA_DIR or --data-dir choose another.',
  );
  return `${lines.join('\n')}\n`;
}

/** Runs one command line; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`gloss: unknown command "${terminalText(name)}". Run gloss --help for the list.\n`);
    return 2;
  }
  try {
    const { values, positionals } = parseCommandLine(command, rest);
    if (values.help) {
      io.stdout(`Usage: ${command.usage}\n\n${command.summary}\n`);
      return 0;
    }
    await command.run(values, positionals, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`gloss ${name}: ${terminalText(error.message)}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (error instanceof GlossError) {
      io.stderr(`gloss ${name}: ${terminalText(error.message)}\n`);
      return 1;
    }
    throw error;
  }
}

function parseCommandLine(
  command: Command,
  args: string[],
): ReturnType<typeof parseArgs> & { values: Record<string, string | boolean | string[] | undefined> } {
  try {
    return parseArgs({
      args,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
}
