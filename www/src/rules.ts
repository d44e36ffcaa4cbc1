// The rules silenced on this page (the page's counterpart of `--allow RULE` and the
// language server's `rules` setting): kept in this browser, passed to every planner
// call as its `rules` option. Ignore comments in the config work as everywhere else.

const KEY = 'talos-planner.silenced-rules';

let silenced: string[] = load();
const listeners: (() => void)[] = [];

function load(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function save(): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(silenced));
  } catch {
    // Not stored (a private window): still silenced until the page is closed.
  }
  for (const listener of listeners) listener();
}

/** The silenced rules, in the order they were silenced. */
export function silencedRules(): readonly string[] {
  return silenced;
}

/** The planner option for them: each silenced rule is `allow`ed. */
export function ruleOptions(): { rules?: Record<string, 'allow'> } {
  if (silenced.length === 0) return {};
  return { rules: Object.fromEntries(silenced.map((id) => [id, 'allow' as const])) };
}

export function silence(id: string): void {
  if (!silenced.includes(id)) {
    silenced = [...silenced, id];
    save();
  }
}

export function restore(id: string): void {
  silenced = silenced.filter((s) => s !== id);
  save();
}

/** Calls `listener` whenever the silenced rules change. */
export function onRulesChange(listener: () => void): void {
  listeners.push(listener);
}

/** Drops rules the planner does not know (a stored list from an older version). */
export function keepKnown(known: ReadonlySet<string>): void {
  const kept = silenced.filter((id) => known.has(id));
  if (kept.length !== silenced.length) {
    silenced = kept;
    save();
  }
}
