import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { getterFromObject, toServerSettings } from '../../src/settings';

test('defaults: enabled, no rules, markers left to handoff.toml, no workspace check', () => {
  const s = toServerSettings(getterFromObject({}));
  assert.deepEqual(s, { enable: true, rules: {}, checkWorkspace: false });
  assert.equal('markers' in s, false);
});

test('the contributed defaults map to the same thing', () => {
  // Read from package.json, as VS Code reads them: a setting left unset
  // comes back as its contributed default, and must not override
  // handoff.toml (a `false` default for `pedantic` once did).
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const properties: Record<string, { default?: unknown }> = manifest.contributes.configuration.properties;
  const vscodeDefaults: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(properties)) {
    const path = key.replace(/^handoff\./, '').split('.');
    let at = vscodeDefaults;
    for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[path[path.length - 1]] = spec.default;
  }
  assert.ok('pedantic' in vscodeDefaults && 'markers' in vscodeDefaults);
  assert.deepEqual(toServerSettings(getterFromObject(vscodeDefaults)), { enable: true, rules: {}, checkWorkspace: false });
});

test('every server setting is forwarded; client-only keys are not', () => {
  const s = toServerSettings(
    getterFromObject({
      enable: false,
      rules: { hedge: 'off', 'too-long': 'hint' },
      markers: ['TODO', '@claude'],
      checkWorkspace: true,
      server: { path: '/opt/handoff' },
      trace: { server: 'verbose' },
    }),
  );
  assert.deepEqual(s, {
    enable: false,
    rules: { hedge: 'off', 'too-long': 'hint' },
    markers: ['TODO', '@claude'],
    checkWorkspace: true,
  });
  assert.equal(JSON.stringify(s).includes('server'), false);
  assert.equal(JSON.stringify(s).includes('trace'), false);
});

test('rule levels are normalized; non-string levels are dropped; unknown names pass through for the server to report', () => {
  const s = toServerSettings(
    getterFromObject({ rules: { hedge: ' Warning ', 'vague-verb': 3, 'no-such-rule': 'off', 'too-long': null } }),
  );
  assert.deepEqual(s.rules, { hedge: 'warning', 'no-such-rule': 'off' });
});

test('values of the wrong type fall back to the defaults', () => {
  const s = toServerSettings(getterFromObject({ enable: 'no', rules: ['hedge'], markers: 'TODO', checkWorkspace: 'yes' }));
  assert.deepEqual(s, { enable: true, rules: {}, checkWorkspace: false });
});

test('an empty marker list is kept (no markers), blank markers are dropped', () => {
  assert.deepEqual(toServerSettings(getterFromObject({ markers: [] })).markers, []);
  assert.deepEqual(toServerSettings(getterFromObject({ markers: ['TODO', ' ', 7] })).markers, ['TODO']);
});

test('getterFromObject reads dotted keys', () => {
  const get = getterFromObject({ server: { path: '/x' }, trace: { server: 'messages' } });
  assert.equal(get('server.path'), '/x');
  assert.equal(get('trace.server'), 'messages');
  assert.equal(get('nope.deeper'), undefined);
});
