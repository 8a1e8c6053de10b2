import { test } from 'node:test';
import * as assert from 'node:assert/strict';

import { DiscoveryFs, DiscoveryInput, findServer, pathCandidates, resolveConfiguredPath } from '../../src/discovery';

/** A fake file system: `exec` files are executable, `plain` files are not. */
function fakeFs(exec: string[], plain: string[] = [], opts: { chmodWorks?: boolean } = {}): DiscoveryFs & { chmodded: string[] } {
  const x = new Set(exec);
  const files = new Set([...exec, ...plain]);
  const chmodded: string[] = [];
  return {
    chmodded,
    isExecutable: (p) => x.has(p),
    isFile: (p) => files.has(p),
    makeExecutable: (p) => {
      chmodded.push(p);
      if (opts.chmodWorks === false || !files.has(p)) return false;
      x.add(p);
      return true;
    },
  };
}

function input(fs: DiscoveryFs, over: Partial<DiscoveryInput> = {}): DiscoveryInput {
  return {
    configuredPath: null,
    extensionPath: '/ext',
    workspaceFolder: '/ws',
    env: { PATH: '/usr/local/bin:/usr/bin' },
    platform: 'linux',
    homedir: '/home/me',
    fs,
    ...over,
  };
}

test('the setting wins over the bundled binary and PATH', () => {
  const fs = fakeFs(['/opt/handoff', '/ext/bin/handoff', '/usr/bin/handoff']);
  assert.deepEqual(findServer(input(fs, { configuredPath: '/opt/handoff' })), {
    kind: 'found',
    path: '/opt/handoff',
    source: 'setting',
  });
});

test('the bundled binary wins over PATH', () => {
  const fs = fakeFs(['/ext/bin/handoff', '/usr/bin/handoff']);
  assert.deepEqual(findServer(input(fs)), { kind: 'found', path: '/ext/bin/handoff', source: 'bundled' });
});

test('PATH is searched in order', () => {
  const fs = fakeFs(['/usr/local/bin/handoff', '/usr/bin/handoff']);
  assert.deepEqual(findServer(input(fs)), { kind: 'found', path: '/usr/local/bin/handoff', source: 'path' });
  const fs2 = fakeFs(['/usr/bin/handoff']);
  assert.deepEqual(findServer(input(fs2)), { kind: 'found', path: '/usr/bin/handoff', source: 'path' });
});

test('a non-executable file on PATH is skipped', () => {
  const fs = fakeFs(['/usr/bin/handoff'], ['/usr/local/bin/handoff']);
  assert.equal((findServer(input(fs)) as { path: string }).path, '/usr/bin/handoff');
});

test('an empty or blank setting counts as unset', () => {
  const fs = fakeFs(['/usr/bin/handoff']);
  for (const configuredPath of ['', '   ', null, undefined]) {
    assert.equal(findServer(input(fs, { configuredPath })).kind, 'found');
  }
});

test('a setting that names nothing is reported, not replaced by another binary', () => {
  const fs = fakeFs(['/ext/bin/handoff', '/usr/bin/handoff']);
  assert.deepEqual(findServer(input(fs, { configuredPath: '/nope/handoff' })), {
    kind: 'badSetting',
    configured: '/nope/handoff',
    resolved: '/nope/handoff',
  });
});

test('nothing found: missing, with every place looked at', () => {
  const r = findServer(input(fakeFs([])));
  assert.deepEqual(r, {
    kind: 'missing',
    tried: ['/ext/bin/handoff', '/usr/local/bin/handoff', '/usr/bin/handoff'],
  });
});

test('no PATH at all: missing', () => {
  const r = findServer(input(fakeFs([]), { env: {} }));
  assert.deepEqual(r, { kind: 'missing', tried: ['/ext/bin/handoff'] });
});

test('a bundled binary that lost its executable bit is made executable', () => {
  const fs = fakeFs([], ['/ext/bin/handoff']);
  assert.deepEqual(findServer(input(fs)), { kind: 'found', path: '/ext/bin/handoff', source: 'bundled' });
  assert.deepEqual(fs.chmodded, ['/ext/bin/handoff']);
});

test('a bundled binary that cannot be made executable falls through to PATH', () => {
  const fs = fakeFs(['/usr/bin/handoff'], ['/ext/bin/handoff'], { chmodWorks: false });
  assert.deepEqual(findServer(input(fs)), { kind: 'found', path: '/usr/bin/handoff', source: 'path' });
});

test('the setting expands ~, ${userHome}, ${workspaceFolder} and relative paths', () => {
  const base = { workspaceFolder: '/ws', homedir: '/home/me', platform: 'linux' as const };
  assert.equal(resolveConfiguredPath('~/bin/handoff', base), '/home/me/bin/handoff');
  assert.equal(resolveConfiguredPath('${userHome}/h', base), '/home/me/h');
  assert.equal(resolveConfiguredPath('${workspaceFolder}/target/release/handoff', base), '/ws/target/release/handoff');
  assert.equal(resolveConfiguredPath('target/release/handoff', base), '/ws/target/release/handoff');
  const fs = fakeFs(['/ws/target/release/handoff']);
  assert.deepEqual(findServer(input(fs, { configuredPath: './target/release/handoff' })), {
    kind: 'found',
    path: '/ws/target/release/handoff',
    source: 'setting',
  });
});

test('Windows: handoff.exe bundled, PATHEXT on Path', () => {
  const fs = fakeFs(['C:\\tools\\handoff.exe']);
  const r = findServer(
    input(fs, {
      platform: 'win32',
      extensionPath: 'C:\\ext',
      workspaceFolder: 'C:\\ws',
      env: { Path: 'C:\\Windows;"C:\\tools"', PATHEXT: '.COM;.EXE' },
    }),
  );
  assert.deepEqual(r, { kind: 'found', path: 'C:\\tools\\handoff.exe', source: 'path' });
  assert.deepEqual(pathCandidates({ Path: 'C:\\a', PATHEXT: '.EXE' }, 'win32'), ['C:\\a\\handoff.exe']);
  const bundled = fakeFs(['C:\\ext\\bin\\handoff.exe']);
  assert.equal(findServer(input(bundled, { platform: 'win32', extensionPath: 'C:\\ext', env: {} })).kind, 'found');
});
