// The config editor: CodeMirror 6 with YAML highlighting (HCL for Terraform, loaded
// when first needed), and the planner's diagnostics shown as underlines, gutter markers
// and hover tooltips with quick fixes.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { type Diagnostic as CmDiagnostic, lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';

import type { Diagnostic, TextEdit } from './planner';

export interface ConfigEditor {
  view: EditorView;
  text(): string;
  /** Shows the diagnostics of `source` (ignored if the text has changed since). */
  showDiagnostics(diagnostics: Diagnostic[], source: string): void;
  /** Applies edits computed on `source`; false when the text has changed since. */
  applyEdits(edits: TextEdit[], source: string): boolean;
  replaceAll(text: string): void;
  select(from: number, to: number): void;
  /** Highlights the text as YAML (and JSON) or as Terraform (HCL). */
  setLanguage(language: 'yaml' | 'hcl'): Promise<void>;
}

const lightTheme = EditorView.theme({
  '&': { backgroundColor: 'var(--panel)', color: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--code-bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
});

export function createEditor(
  parent: HTMLElement,
  doc: string,
  onChange: (text: string) => void,
): ConfigEditor {
  const theme = new Compartment();
  const language = new Compartment();
  const label = new Compartment();
  const labelFor = (name: string) => EditorView.contentAttributes.of({ 'aria-label': `Cluster config (${name})` });
  let current: 'yaml' | 'hcl' = 'yaml';
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const themeFor = (isDark: boolean) => (isDark ? oneDark : [lightTheme, syntaxHighlighting(defaultHighlightStyle)]);

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        foldGutter(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        language.of(yaml()),
        lintGutter(),
        theme.of(themeFor(dark.matches)),
        EditorState.tabSize.of(2),
        // Tab is left to the browser so the keyboard can leave the editor; YAML wants
        // spaces anyway, which Enter's auto-indent provides.
        keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap, ...searchKeymap, ...lintKeymap]),
        label.of(labelFor('YAML')),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  dark.addEventListener('change', (e) => view.dispatch({ effects: theme.reconfigure(themeFor(e.matches)) }));

  const text = () => view.state.doc.toString();

  const applyEdits = (edits: TextEdit[], source: string): boolean => {
    if (text() !== source) return false;
    view.dispatch({
      changes: edits.map((e) => ({ from: e.offsets.start, to: e.offsets.end, insert: e.new_text })),
      userEvent: 'input.fix',
    });
    return true;
  };

  return {
    view,
    text,
    applyEdits,
    showDiagnostics(diagnostics, source) {
      if (text() !== source) return;
      const length = view.state.doc.length;
      const clamp = (n: number) => Math.max(0, Math.min(n, length));
      const list: CmDiagnostic[] = diagnostics.map((d) => ({
        from: clamp(d.offsets.start),
        to: clamp(Math.max(d.offsets.start, d.offsets.end)),
        severity: d.severity,
        message: d.message,
        source: d.code,
        actions: d.fixes.map((fix) => ({
          name: fix.title,
          apply: () => {
            applyEdits(fix.edits, source);
          },
        })),
      }));
      view.dispatch(setDiagnostics(view.state, list));
    },
    replaceAll(next) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    async setLanguage(next) {
      if (next === current) return;
      current = next;
      const support = next === 'hcl' ? (await import('codemirror-lang-hcl')).hcl() : yaml();
      // A later call may have changed its mind while the grammar loaded.
      if (current !== next) return;
      view.dispatch({
        effects: [
          language.reconfigure(support),
          label.reconfigure(labelFor(next === 'hcl' ? 'Terraform' : 'YAML')),
        ],
      });
    },
    select(from, to) {
      const length = view.state.doc.length;
      view.dispatch({
        selection: { anchor: Math.min(from, length), head: Math.min(to, length) },
        scrollIntoView: true,
      });
      view.focus();
    },
  };
}
