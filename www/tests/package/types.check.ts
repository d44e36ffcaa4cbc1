// Compiled (not run) by `tsc -p tests/package` in scripts/test.d/30-wasm-package.sh:
// the generated .d.ts must type every argument and result, so correct use compiles
// and each misuse marked @ts-expect-error is rejected.
import init, {
  analyze,
  examples,
  exportModule,
  exportTfvarsJson,
  getValues,
  lint,
  plan,
  render,
  setValue,
  version,
  type Diagnostic,
  type Plan,
} from 'talos-planner';

export async function use(source: string): Promise<string[]> {
  await init();
  const p: Plan = plan(source, { format: 'yaml', position_encoding: 'utf-16' });
  const ip: string | null = p.nodes[0]?.ip_address ?? null;
  const vip: string | null = p.ha_vip;
  const enabled: boolean = p.ha_vip_enabled;
  const cpu: number | null = p.nodes[0]?.cpu ?? null;
  const role: 'controlplane' | 'worker' | undefined = p.nodes[0]?.role;

  const diagnostics: Diagnostic[] = lint(source);
  const first = diagnostics[0];
  const line: number | undefined = first?.range.start.line;
  const from: number | undefined = first?.offsets.start;
  const severity: 'error' | 'warning' | 'info' | 'hint' | undefined = first?.severity;
  const fixText: string | undefined = first?.fixes[0]?.edits[0]?.new_text;

  const analysis = analyze(source, { format: 'json' });
  const maybePlan: Plan | null = analysis.plan;
  const patches = render(source).flatMap((n) => n.patches.map((x) => `${n.key}/${x.name}`));
  const origin = render(source)[0]?.patches[0]?.origin;
  const userIndex: number | undefined = origin?.kind === 'user' ? origin.index : undefined;
  const edited: string = setValue(source, ['controlplane', 'count'], 1).text;
  const values = getValues(source, [['network', 'cidr']]);
  const cidr: string | number | boolean | null | undefined = values[0];
  const exampleNames = examples().map((e) => e.name);

  // @ts-expect-error: a misspelt field is not on a planned node
  p.nodes[0]?.ip_addres;
  // @ts-expect-error: the source is a string
  lint(42);
  // @ts-expect-error: only yaml and json are formats
  lint(source, { format: 'toml' });
  // @ts-expect-error: options are checked by name
  lint(source, { formt: 'json' });
  // @ts-expect-error: a path is a list of keys
  setValue(source, 'controlplane.count', 1);
  // @ts-expect-error: config values are scalars
  setValue(source, ['a'], { nested: true });
  // @ts-expect-error: the VIP may be null, so it is not a plain string
  const notNull: string = p.ha_vip;

  return [
    String(ip), String(vip), String(enabled), String(cpu), String(role), String(line),
    String(from), String(severity), String(fixText), String(maybePlan?.cluster_endpoint),
    ...patches, String(userIndex), edited, String(cidr),
    ...exampleNames, exportTfvarsJson(source), exportModule(source), exportModule(source, 'x'),
    version(), notNull,
  ];
}
