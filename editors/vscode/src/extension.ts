import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  DidChangeConfigurationNotification,
  State,
} from 'vscode-languageclient/node';

import { defaultInput, Discovery, findServer, INSTALL_HINT } from './discovery';
import { RESTART_KEYS, toServerSettings } from './settings';

/** Every language the engine reads (Markdown plus the comment languages). */
export const LANGUAGES = [
  'markdown', 'rust', 'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'go', 'java',
  'c', 'cpp', 'csharp', 'ruby', 'shellscript', 'lua', 'yaml', 'toml', 'php', 'kotlin', 'swift', 'scala', 'html',
  'css',
];

/**
 * The rules, as the settings schema in package.json lists them (a Rust test,
 * `tests/docs.rs`, keeps that list equal to the server's rules).
 */
function rules(): Array<[string, string]> {
  const props = context.extension.packageJSON?.contributes?.configuration?.properties;
  const schema = props?.['handoff.rules']?.properties ?? {};
  return Object.entries(schema).map(([name, s]) => [name, String((s as { description?: string }).description ?? '')]);
}
const RULE_DOCS_URL = 'https://github.com/handoff-dev/handoff/blob/main/docs/rules';
const DOC_SCHEME = 'handoff-rule';

type ServerState = 'starting' | 'running' | 'stopped' | 'missing';

let context: vscode.ExtensionContext;
let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let traceOutput: vscode.LogOutputChannel;
let status: vscode.StatusBarItem;
let state: ServerState = 'starting';
let serverPath: string | undefined;
let lastProblem: string | undefined;
let notified = new Set<string>();
const ruleDocs = new Map<string, string>();
const ruleDocsChanged = new vscode.EventEmitter<vscode.Uri>();

export async function activate(ctx: vscode.ExtensionContext): Promise<void> {
  context = ctx;
  output = vscode.window.createOutputChannel('handoff', { log: true });
  traceOutput = vscode.window.createOutputChannel('handoff (LSP trace)', { log: true });
  status = vscode.window.createStatusBarItem('handoff.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'handoff';
  status.command = 'handoff.showOutput';
  ctx.subscriptions.push(
    output,
    traceOutput,
    status,
    ruleDocsChanged,
    vscode.commands.registerCommand('handoff.restartServer', restart),
    vscode.commands.registerCommand('handoff.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('handoff.explainRule', explainRule),
    vscode.workspace.registerTextDocumentContentProvider(DOC_SCHEME, {
      onDidChange: ruleDocsChanged.event,
      provideTextDocumentContent: (uri) => ruleDocs.get(ruleFromDocUri(uri)) ?? '',
    }),
    vscode.languages.registerCodeActionsProvider(
      LANGUAGES.map((language) => ({ scheme: 'file', language })),
      new ExplainActions(),
      { providedCodeActionKinds: [ExplainActions.kind] },
    ),
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_KEYS.some((k) => e.affectsConfiguration(k))) {
        output.appendLine('handoff.server.path changed: restarting the server');
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop().catch(() => undefined);
}

function discover(): Discovery {
  const config = vscode.workspace.getConfiguration('handoff');
  const folder = vscode.workspace.workspaceFolders?.[0];
  return findServer(
    defaultInput(
      context.extensionPath,
      config.get<string | null>('server.path'),
      folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined,
    ),
  );
}

async function start(): Promise<void> {
  setState('starting');
  const found = discover();
  if (found.kind !== 'found') {
    serverPath = undefined;
    const message =
      found.kind === 'badSetting'
        ? `handoff: \`handoff.server.path\` is "${found.configured}", but ${found.resolved} is not an executable file.`
        : `handoff: the language server \`handoff\` was not found (no bundled binary, not on PATH). ${INSTALL_HINT}`;
    lastProblem = message;
    output.appendLine(message);
    if (found.kind === 'missing') output.appendLine(`Looked at: ${found.tried.join(', ')}`);
    setState('missing');
    notifyOnce(message, found.kind === 'badSetting' ? found.resolved : 'missing');
    return;
  }
  serverPath = found.path;
  lastProblem = undefined;
  output.appendLine(`Starting ${found.path} server (found via ${found.source})`);

  const serverOptions: ServerOptions = {
    run: { command: found.path, args: ['server'] },
    debug: { command: found.path, args: ['server'], options: { env: { ...process.env, RUST_LOG: 'handoff=debug' } } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
    synchronize: { configurationSection: 'handoff' },
    outputChannel: output,
    traceOutputChannel: traceOutput,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      workspace: {
        // Answer `workspace/configuration` for section `handoff` with the
        // server's view of the settings (no client-only keys, defaults filled).
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((value, i) => {
            const item = params.items[i];
            if (item?.section !== 'handoff') return value;
            return currentSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined);
          });
        },
        // `synchronize.configurationSection` triggers this on every change of
        // `handoff.*`; send the same mapped settings instead of the raw section.
        didChangeConfiguration: async (sections, next) => {
          if (!sections?.includes('handoff') || client !== c) return next(sections);
          await c.sendNotification(DidChangeConfigurationNotification.type, { settings: { handoff: currentSettings() } });
        },
      },
    },
  };
  const c = new LanguageClient('handoff', 'handoff', serverOptions, clientOptions);
  client = c;
  c.onDidChangeState((e) => {
    if (client !== c) return;
    setState(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped');
  });
  try {
    await c.start();
    if (client === c) setState('running');
  } catch (e) {
    if (client !== c) return;
    const message = `handoff: the language server ${found.path} failed to start: ${e instanceof Error ? e.message : String(e)}`;
    lastProblem = message;
    output.appendLine(message);
    setState('stopped');
    notifyOnce(message, 'start:' + found.path);
  }
}

function currentSettings(scope?: vscode.Uri) {
  const config = vscode.workspace.getConfiguration('handoff', scope);
  return toServerSettings((key) => config.get(key));
}

async function restart(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    output.appendLine('Stopping the server');
    await c.stop().catch((e) => output.appendLine(`stop: ${e}`));
  }
  notified = new Set();
  await start();
}

/** One notification per problem and session: no error spam. */
function notifyOnce(message: string, key: string): void {
  if (notified.has(key)) return;
  notified.add(key);
  void vscode.window.showWarningMessage(message, 'Open Settings', 'Show Output').then((choice) => {
    if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'handoff.server.path');
    else if (choice === 'Show Output') output.show(true);
  });
}

function setState(s: ServerState): void {
  state = s;
  updateStatus();
}

function findingsIn(document: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'handoff');
}

function updateStatus(): void {
  if (!status) return;
  const editor = vscode.window.activeTextEditor;
  const relevant = editor && LANGUAGES.includes(editor.document.languageId);
  if (!relevant && state === 'running') {
    status.hide();
    return;
  }
  status.backgroundColor = undefined;
  switch (state) {
    case 'starting':
      status.text = '$(sync~spin) handoff';
      status.tooltip = 'handoff: starting the language server';
      break;
    case 'missing':
      status.text = '$(warning) handoff';
      status.tooltip = lastProblem ?? 'handoff: no language server';
      status.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      break;
    case 'stopped':
      status.text = '$(error) handoff';
      status.tooltip = (lastProblem ?? 'handoff: the language server stopped') + ' (click for the output; "handoff: Restart Server" to retry)';
      status.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      break;
    case 'running': {
      const n = editor ? findingsIn(editor.document).length : 0;
      status.text = n > 0 ? `$(checklist) handoff: ${n}` : '$(check) handoff';
      status.tooltip = `handoff: ${n === 0 ? 'no findings' : n === 1 ? '1 finding' : `${n} findings`} in this file (server: ${serverPath})`;
      break;
    }
  }
  status.show();
}

// ---- Explain Rule ----------------------------------------------------------

function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  if (typeof code === 'object') return String(code.value);
  return String(code);
}

/** A rule name from a command argument: a string, a diagnostic, or `{ code }`. */
function ruleFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg.length > 0) return arg;
  if (arg && typeof arg === 'object' && 'code' in arg) {
    const code = (arg as { code: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') return String(code);
    if (code && typeof code === 'object' && 'value' in code) return String((code as { value: unknown }).value);
  }
  return undefined;
}

function ruleFromDocUri(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.md$/, '');
}

async function pickRule(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const pos = editor.selection.active;
    const here = findingsIn(editor.document).filter((d) => d.range.contains(pos) || d.range.start.line === pos.line);
    const codes = [...new Set(here.map(codeOf).filter((c): c is string => !!c))];
    if (codes.length === 1) return codes[0];
    if (codes.length > 1) {
      const pick = await vscode.window.showQuickPick(
        here.map((d) => ({ label: codeOf(d) ?? '', detail: d.message })),
        { placeHolder: 'Which finding?' },
      );
      return pick?.label;
    }
  }
  const pick = await vscode.window.showQuickPick(
    rules().map(([label, description]) => ({ label, description })),
    { placeHolder: 'Explain which handoff rule?' },
  );
  return pick?.label;
}

function runExplain(binary: string, rule: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, ['explain', rule], { timeout: 10_000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error((stderr || err.message).trim()));
      else resolve(stdout);
    });
  });
}

async function explainRule(arg?: unknown): Promise<void> {
  const rule = ruleFromArg(arg) ?? (await pickRule());
  if (!rule) return;
  if (!/^[a-z0-9-]+$/.test(rule)) {
    void vscode.window.showWarningMessage(`handoff: "${rule}" is not a rule name.`);
    return;
  }
  let binary = serverPath;
  if (!binary) {
    const found = discover();
    if (found.kind === 'found') binary = found.path;
  }
  let text: string | undefined;
  if (binary) {
    try {
      text = await runExplain(binary, rule);
    } catch (e) {
      output.appendLine(`handoff explain ${rule}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (!text) {
    await vscode.env.openExternal(vscode.Uri.parse(`${RULE_DOCS_URL}/${rule}.md`));
    return;
  }
  const uri = vscode.Uri.from({ scheme: DOC_SCHEME, path: `/${rule}.md` });
  ruleDocs.set(rule, text);
  ruleDocsChanged.fire(uri);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}

/** "Explain rule X" next to the server's fixes, for each handoff finding in range. */
class ExplainActions implements vscode.CodeActionProvider {
  static readonly kind = vscode.CodeActionKind.QuickFix.append('handoff.explain');

  provideCodeActions(
    _document: vscode.TextDocument,
    _range: vscode.Range,
    ctx: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (ctx.only && !ctx.only.contains(ExplainActions.kind) && !ExplainActions.kind.contains(ctx.only)) return [];
    const seen = new Set<string>();
    const actions: vscode.CodeAction[] = [];
    for (const d of ctx.diagnostics) {
      const rule = d.source === 'handoff' ? codeOf(d) : undefined;
      if (!rule || seen.has(rule)) continue;
      seen.add(rule);
      const action = new vscode.CodeAction(`Explain handoff rule \`${rule}\``, ExplainActions.kind);
      action.command = { command: 'handoff.explainRule', title: 'Explain Rule', arguments: [rule] };
      actions.push(action);
    }
    return actions;
  }
}
