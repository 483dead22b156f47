// A labelled checkbox: the options page's switches (marking, statuses, the sightings log…).
import type { ComponentChildren } from 'preact';

export function CheckField({
  name,
  checked,
  disabled = false,
  onChange,
  children,
}: {
  name: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  children: ComponentChildren;
}) {
  return (
    <label class="check">
      <input
        type="checkbox"
        name={name}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange((event.target as HTMLInputElement).checked)}
      />
      {children}
    </label>
  );
}
