// The quick-settings form: each field is one config path. A change rewrites just that
// value in the text (through the planner's `setValue`, which keeps comments and
// layout); the fields follow the text as it is edited by hand.
import { byId } from './dom';
import { type ConfigScalar, type EditResult, messageOf, planner } from './planner';

interface Field {
  input: HTMLInputElement;
  path: string[];
  integer: boolean;
}

let fields: Field[] = [];

/** `apply` receives the edit computed on the text it was given. */
export function setupForm(current: () => string, apply: (result: EditResult, source: string) => void): void {
  const form = byId<HTMLFormElement>('settings');
  // Inputs with a `name` are config paths; the others have their own handlers.
  fields = [...form.querySelectorAll<HTMLInputElement>('input[name]')].map((input) => ({
    input,
    path: input.name.split('.'),
    integer: input.type === 'number',
  }));
  form.addEventListener('submit', (e) => e.preventDefault());
  for (const field of fields) {
    field.input.addEventListener('change', () => {
      const value = valueOf(field);
      if (value === undefined) return;
      const source = current();
      try {
        apply(planner.setValue(source, field.path, value), source);
        showError(null);
      } catch (err) {
        showError(`Could not set ${field.path.join('.')}: ${messageOf(err)}`);
      }
    });
  }
}

/** The value to write, `null` to remove the key, or undefined when the input is invalid. */
function valueOf(field: Field): ConfigScalar | undefined {
  const raw = field.input.value.trim();
  field.input.removeAttribute('aria-invalid');
  if (raw === '') return null;
  if (field.path.join('.') === 'image.version') {
    // `1.12`, `v1.12`, `V1.12.0` are written as the full tag the factory knows.
    const tag = planner.releaseTag(raw);
    if (tag !== null) {
      field.input.value = tag;
      return tag;
    }
  }
  if (!field.integer) return raw;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) {
    field.input.setAttribute('aria-invalid', 'true');
    showError(`${field.path.join('.')} must be a whole number`);
    return undefined;
  }
  return n;
}

export function showError(message: string | null): void {
  const el = byId('form-error');
  el.hidden = message === null;
  el.textContent = message ?? '';
}

/** Shows the values written in `source` (leaving alone the field being typed in). */
export function refreshForm(source: string): void {
  let values: ConfigScalar[];
  try {
    values = planner.getValues(source, fields.map((f) => f.path));
  } catch {
    return;
  }
  fields.forEach((field, i) => {
    if (document.activeElement === field.input) return;
    const v = values[i];
    field.input.value = v === null || v === undefined ? '' : String(v);
  });
}
