// Builds handoff-<version>.vsix with the handoff binary in bin/.
//   HANDOFF_BIN   binary to bundle (default ../../target/release/handoff);
//                 "none" packages without a binary (the extension then uses
//                 handoff.server.path or `handoff` on PATH) and without --target.
//   VSCE_TARGET   vsce platform target (default linux-x64); the binary must be
//                 built for it. Other targets get handoff-<version>-<target>.vsix.
//   VSIX_OUT      output file name instead.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ext = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8'));
const target = process.env.VSCE_TARGET || 'linux-x64';
const binSrc = process.env.HANDOFF_BIN || join(ext, '..', '..', 'target', 'release', 'handoff');
const bundled = binSrc !== 'none';

rmSync(join(ext, 'bin'), { recursive: true, force: true });
const args = ['package', '--no-dependencies'];
let out = `handoff-${version}.vsix`;
if (bundled) {
  const src = resolve(ext, binSrc);
  if (!existsSync(src)) {
    console.error(`package: no handoff binary at ${src} (run \`cargo build --release\` or set HANDOFF_BIN)`);
    process.exit(1);
  }
  const dest = join(ext, 'bin', target.startsWith('win32') ? 'handoff.exe' : 'handoff');
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(src, dest);
  chmodSync(dest, 0o755);
  console.log(`package: bundling ${src} as ${dest} for ${target}`);
  args.push('--target', target);
  if (target !== 'linux-x64') out = `handoff-${version}-${target}.vsix`;
}
if (process.env.VSIX_OUT) out = process.env.VSIX_OUT;
args.push('--out', out);
const vsce = join(ext, 'node_modules', '@vscode', 'vsce', 'vsce');
const r = spawnSync(process.execPath, [vsce, ...args], { cwd: ext, stdio: 'inherit' });
process.exit(r.status ?? 1);
