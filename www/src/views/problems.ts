// The problems under the editor (errors and warnings), the notes apart from them (Talos's
// recommendations: worth knowing, not problems), and the rules silenced on this page.
// Every diagnostic has its place, rule, fixes and a "Silence" button, all reachable
// with the keyboard and a screen reader.
import { byId, h } from '../dom';
import type { Diagnostic, Fix } from '../planner';

export interface ProblemActions {
  reveal(d: Diagnostic): void;
  fix(fix: Fix): void;
  silence(code: string): void;
  restore(code: string): void;
}

/** Whether a diagnostic is a note rather than a problem. */
export const isNote = (d: Diagnostic): boolean => d.severity === 'info' || d.severity === 'hint';

export function renderProblems(diagnostics: Diagnostic[], silenced: readonly string[], actions: ProblemActions): void {
  const problems = diagnostics.filter((d) => !isNote(d));
  const notes = diagnostics.filter(isNote);
  const list = byId<HTMLUListElement>('problems');
  const count = byId('problem-count');
  const errors = problems.filter((d) => d.severity === 'error').length;
  count.textContent = String(problems.length);
  count.className = errors ? 'badge bad' : problems.length ? 'badge warn' : 'badge';
  list.replaceChildren(
    ...(problems.length
      ? problems.map((d) => item(d, actions))
      : [h('li', { class: 'none' }, h('span', { class: 'what' }, 'No problems found.'))]),
  );

  byId('note-count').textContent = String(notes.length);
  byId('notes-section').hidden = notes.length === 0;
  byId<HTMLUListElement>('notes').replaceChildren(...notes.map((d) => item(d, actions)));

  const box = byId('silenced');
  box.hidden = silenced.length === 0;
  box.replaceChildren(
    h('span', { class: 'label' }, 'Silenced on this page:'),
    ...silenced.map((code) =>
      h('span', { class: 'chip', 'data-code': code },
        h('code', {}, code),
        button('Show again', `Show ${code} again`, () => actions.restore(code)))),
  );
}

function item(d: Diagnostic, actions: ProblemActions): HTMLLIElement {
  return h(
    'li',
    { 'data-severity': d.severity, 'data-code': d.code },
    h('span', { class: 'where' }, `${d.severity} · line ${d.range.start.line + 1}`),
    h('span', { class: 'what' }, d.message, ' ', h('span', { class: 'code' }, `(${d.code})`)),
    h(
      'span',
      { class: 'actions' },
      button('Show', `Show ${d.code} in the editor`, () => actions.reveal(d)),
      ...d.fixes.map((f) => button(f.title, `Quick fix: ${f.title}`, () => actions.fix(f))),
      // A syntax error cannot be silenced: nothing else is checked until the text parses.
      d.code === 'syntax-error'
        ? null
        : button('Silence', `Silence ${d.code} on this page`, () => actions.silence(d.code), 'quiet'),
    ),
  );
}

function button(label: string, aria: string, onClick: () => void, kind?: string): HTMLButtonElement {
  const b = h('button', { type: 'button', 'aria-label': aria, class: kind }, label);
  b.addEventListener('click', onClick);
  return b;
}
