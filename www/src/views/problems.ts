// The list of problems under the editor: every diagnostic with its place, rule and
// fixes as buttons, so that they are reachable with the keyboard and a screen reader.
import { byId, h } from '../dom';
import type { Diagnostic, Fix } from '../planner';

export interface ProblemActions {
  reveal(d: Diagnostic): void;
  fix(fix: Fix): void;
}

export function renderProblems(diagnostics: Diagnostic[], actions: ProblemActions): void {
  const list = byId<HTMLUListElement>('problems');
  const count = byId('problem-count');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  count.textContent = String(diagnostics.length);
  count.className = errors ? 'badge bad' : 'badge';
  if (diagnostics.length === 0) {
    list.replaceChildren(h('li', { class: 'none' }, h('span', { class: 'what' }, 'No problems found.')));
    return;
  }
  list.replaceChildren(
    ...diagnostics.map((d) =>
      h(
        'li',
        { 'data-severity': d.severity, 'data-code': d.code },
        h('span', { class: 'where' }, `${d.severity} · line ${d.range.start.line + 1}`),
        h('span', { class: 'what' }, d.message, ' ', h('span', { class: 'code' }, `(${d.code})`)),
        h(
          'span',
          { class: 'actions' },
          button('Show', `Show ${d.code} in the editor`, () => actions.reveal(d)),
          ...d.fixes.map((f) => button(f.title, `Quick fix: ${f.title}`, () => actions.fix(f))),
        ),
      ),
    ),
  );
}

function button(label: string, aria: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { type: 'button', 'aria-label': aria }, label);
  b.addEventListener('click', onClick);
  return b;
}
