// VS Code settings (`handoff.*`) to the settings the server reads through
// `workspace/configuration` (section `handoff`). No `vscode` import here.

export const LEVELS = ['off', 'hint', 'info', 'warning', 'error'] as const;
export type Level = (typeof LEVELS)[number];

/** What the server deserializes (src/server/settings.rs, camelCase). */
export interface ServerSettings {
  enable: boolean;
  rules: { [rule: string]: string };
  /** Absent: the markers of handoff.toml (or the built-in list) apply. */
  markers?: string[];
  checkWorkspace: boolean;
  /** Absent: `pedantic` of handoff.toml applies. */
  pedantic?: boolean;
}

/** Reads one key of the `handoff` section (as `WorkspaceConfiguration.get`). */
export type SettingGetter = (key: string) => unknown;

/**
 * Client-only keys (`server.path`, `trace.server`) stay in the client; values
 * of the wrong type fall back to the defaults; rule levels are trimmed and
 * lower-cased (an unknown rule or level is passed on so that the server
 * reports it).
 */
export function toServerSettings(get: SettingGetter): ServerSettings {
  const out: ServerSettings = {
    enable: get('enable') !== false,
    rules: {},
    checkWorkspace: get('checkWorkspace') === true,
  };
  const rules = get('rules');
  if (rules && typeof rules === 'object' && !Array.isArray(rules)) {
    for (const [name, level] of Object.entries(rules as Record<string, unknown>)) {
      if (typeof level === 'string') out.rules[name] = level.trim().toLowerCase();
    }
  }
  const pedantic = get('pedantic');
  if (typeof pedantic === 'boolean') out.pedantic = pedantic;
  const markers = get('markers');
  if (Array.isArray(markers)) {
    out.markers = markers.filter((m): m is string => typeof m === 'string' && m.trim().length > 0);
  }
  return out;
}

/** Reads a key with dots (`server.path`) out of a plain settings object. */
export function getterFromObject(section: unknown): SettingGetter {
  return (key) => {
    let v: unknown = section;
    for (const part of key.split('.')) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string, unknown>)[part];
    }
    return v;
  };
}

/** Settings whose change needs a new server process, not just a new configuration. */
export const RESTART_KEYS = ['handoff.server.path'];
