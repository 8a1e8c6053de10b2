// Finding the handoff binary. No `vscode` import here: the file system and
// the environment are passed in, so the unit tests run in plain Node.

import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import * as nodeOs from 'node:os';

export type ServerSource = 'setting' | 'bundled' | 'path';

export type Discovery =
  | { kind: 'found'; path: string; source: ServerSource }
  /** `handoff.server.path` is set but names no executable file. */
  | { kind: 'badSetting'; configured: string; resolved: string }
  /** No setting, no bundled binary, nothing on PATH. */
  | { kind: 'missing'; tried: string[] };

export interface DiscoveryFs {
  /** A regular file that the current user may execute. */
  isExecutable(path: string): boolean;
  /** A regular file (executable or not). */
  isFile(path: string): boolean;
  /** Make a file executable; false when that is not possible. */
  makeExecutable(path: string): boolean;
}

export interface DiscoveryInput {
  /** `handoff.server.path`; empty or null when unset. */
  configuredPath?: string | null;
  /** The extension's install folder (holds `bin/handoff` when bundled). */
  extensionPath: string;
  /** The first workspace folder, for a relative `handoff.server.path`. */
  workspaceFolder?: string;
  env: { [key: string]: string | undefined };
  platform: NodeJS.Platform;
  homedir: string;
  fs: DiscoveryFs;
}

export const INSTALL_HINT =
  'Install it with `cargo install --path .` in a handoff checkout (or download a release binary from ' +
  'https://github.com/handoff-dev/handoff/releases and put it on PATH), or set `handoff.server.path`.';

export function binaryName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'handoff.exe' : 'handoff';
}

function pathApi(platform: NodeJS.Platform): typeof nodePath.posix {
  return platform === 'win32' ? nodePath.win32 : nodePath.posix;
}

/** Expands `~`, `${userHome}` and `${workspaceFolder}`, and makes the path absolute. */
export function resolveConfiguredPath(
  configured: string,
  input: Pick<DiscoveryInput, 'workspaceFolder' | 'homedir' | 'platform'>,
): string {
  const p = pathApi(input.platform);
  let s = configured.trim();
  s = s.replace(/\$\{userHome\}/g, input.homedir);
  if (input.workspaceFolder) s = s.replace(/\$\{workspaceFolder\}/g, input.workspaceFolder);
  if (s === '~') s = input.homedir;
  else if (s.startsWith('~/') || s.startsWith('~\\')) s = p.join(input.homedir, s.slice(2));
  if (!p.isAbsolute(s) && input.workspaceFolder) s = p.resolve(input.workspaceFolder, s);
  return s;
}

/** Every PATH entry joined with the binary name (with PATHEXT on Windows). */
export function pathCandidates(env: DiscoveryInput['env'], platform: NodeJS.Platform): string[] {
  const p = pathApi(platform);
  const pathVar = platform === 'win32' ? env.Path ?? env.PATH ?? env.path : env.PATH;
  if (!pathVar) return [];
  const dirs = pathVar.split(platform === 'win32' ? ';' : ':').filter((d) => d.length > 0);
  const names =
    platform === 'win32'
      ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM')
          .split(';')
          .filter((e) => e.length > 0)
          .map((e) => 'handoff' + e.toLowerCase())
      : ['handoff'];
  const out: string[] = [];
  for (const d of dirs) for (const n of names) out.push(p.join(d.replace(/^"(.*)"$/, '$1'), n));
  return out;
}

/**
 * The order: `handoff.server.path`, the binary bundled in the extension
 * (`bin/handoff`), `handoff` on PATH. A setting that names nothing usable is
 * reported as such, not silently replaced by another binary.
 */
export function findServer(input: DiscoveryInput): Discovery {
  const { fs, platform } = input;
  const p = pathApi(platform);
  const configured = input.configuredPath?.trim();
  if (configured) {
    const resolved = resolveConfiguredPath(configured, input);
    if (fs.isExecutable(resolved)) return { kind: 'found', path: resolved, source: 'setting' };
    return { kind: 'badSetting', configured, resolved };
  }
  const tried: string[] = [];
  const bundled = p.join(input.extensionPath, 'bin', binaryName(platform));
  tried.push(bundled);
  if (fs.isExecutable(bundled)) return { kind: 'found', path: bundled, source: 'bundled' };
  // A zip extractor may have dropped the executable bit.
  if (platform !== 'win32' && fs.isFile(bundled) && fs.makeExecutable(bundled) && fs.isExecutable(bundled)) {
    return { kind: 'found', path: bundled, source: 'bundled' };
  }
  for (const candidate of pathCandidates(input.env, platform)) {
    tried.push(candidate);
    if (fs.isExecutable(candidate)) return { kind: 'found', path: candidate, source: 'path' };
  }
  return { kind: 'missing', tried };
}

/** The real file system. */
export const realFs: DiscoveryFs = {
  isExecutable(path) {
    try {
      if (!nodeFs.statSync(path).isFile()) return false;
      nodeFs.accessSync(path, process.platform === 'win32' ? nodeFs.constants.F_OK : nodeFs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  isFile(path) {
    try {
      return nodeFs.statSync(path).isFile();
    } catch {
      return false;
    }
  },
  makeExecutable(path) {
    try {
      nodeFs.chmodSync(path, 0o755);
      return true;
    } catch {
      return false;
    }
  },
};

export function defaultInput(
  extensionPath: string,
  configuredPath: string | null | undefined,
  workspaceFolder: string | undefined,
): DiscoveryInput {
  return {
    configuredPath,
    extensionPath,
    workspaceFolder,
    env: process.env,
    platform: process.platform,
    homedir: nodeOs.homedir(),
    fs: realFs,
  };
}
