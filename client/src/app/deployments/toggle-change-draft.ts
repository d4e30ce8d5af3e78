import type { InvalidField } from '@shared/api/problem';
import type { DeploymentToggleChange } from '@shared/deployments/deployment-toggles';
import { changeOf, draftOf, settingControlOf, type SettingDraft } from '../toggles/setting-draft';

/** One toggle change of the deploy dialog as typed: the toggle, then its setting as the toggle page edits it. */
export type ToggleChangeDraft = Omit<SettingDraft, 'reason'> & { readonly name: string };

/** A new change of the toggle: off, nobody listed, as the toggle page starts a first setting. */
export function blankToggleChange(name: string): ToggleChangeDraft {
  const { reason: _reason, ...setting } = draftOf(null);
  return { name, ...setting };
}

/** The `toggles[]` entry a draft asks for (the deployment's success is the reason, so none is typed). */
export function toggleChangeOf(draft: ToggleChangeDraft): DeploymentToggleChange {
  const { reason: _reason, ...setting } = changeOf({ ...draft, reason: '' });
  return { name: draft.name, ...setting };
}

/** Where a field error of the deployment request lands in the toggle section. */
export type ToggleFieldPlace =
  | { readonly kind: 'change'; readonly index: number; readonly control: keyof ToggleChangeDraft }
  | { readonly kind: 'canary' };

/**
 * The control of the toggle section that shows a field error of `POST /deployments`
 * (`body.toggles.2.percentage`, `body.toggles.0.include.users.3`, `body.canaryToggle`), or undefined.
 */
export function toggleFieldPlace(field: string): ToggleFieldPlace | undefined {
  const path = field.replace(/^body\./, '');
  if (path === 'canaryToggle') return { kind: 'canary' };
  const match = /^toggles\.(\d+)(?:\.(.+))?$/.exec(path);
  if (!match) return undefined;
  const index = Number(match[1]);
  const rest = match[2] ?? 'name';
  const control = rest === 'name' ? 'name' : settingControlOf(rest);
  return control === undefined || control === 'reason' ? undefined : { kind: 'change', index, control };
}

/** The field errors of a refusal that are about the request's toggles. */
export function toggleFieldErrors(errors: readonly InvalidField[]): InvalidField[] {
  return errors.filter((e) => toggleFieldPlace(e.field) !== undefined);
}
