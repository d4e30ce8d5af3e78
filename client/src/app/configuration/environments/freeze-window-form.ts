import type { FormControl, FormGroup, NonNullableFormBuilder, ValidatorFn } from '@angular/forms';
import { Validators } from '@angular/forms';
import { OneOffFreezeWindow } from '@shared/catalogue/freeze-window';
import { schemaValidator } from '../../core/schema-validator';
import { fromLocalDateTime, toLocalDateTime } from '../../core/local-date-time';

/** One one-off freeze window as the API holds it (recurring ones are kept as loaded). */
export type FreezeWindow = OneOffFreezeWindow;

const Window = OneOffFreezeWindow;

/** The controls of one freeze window: local start and end (`datetime-local`) and the reason. */
export type FreezeWindowGroup = FormGroup<{
  /** Kept as loaded: the form does not show it. */
  Name: FormControl<string>;
  Start: FormControl<string>;
  End: FormControl<string>;
  Reason: FormControl<string>;
}>;

/** Checks a window with the shared schema once both ends are set, so "must end after it starts" shows here. */
const windowValidator: ValidatorFn = (group) => {
  const window = freezeWindowOf(group as FreezeWindowGroup);
  if (window.Start === '' || window.End === '') {
    return null;
  }
  const result = Window.safeParse(window);
  return result.success ? null : { schema: result.error.issues[0]?.message ?? 'is not valid' };
};

/** A form group for a freeze window, filled from one when editing. */
export function freezeWindowForm(fb: NonNullableFormBuilder, window?: FreezeWindow): FreezeWindowGroup {
  return fb.group(
    {
      Name: fb.control(window?.Name ?? ''),
      Start: fb.control(window ? toLocalDateTime(window.Start) : '', Validators.required),
      End: fb.control(window ? toLocalDateTime(window.End) : '', Validators.required),
      Reason: fb.control(window?.Reason ?? '', schemaValidator(Window.shape.Reason)),
    },
    { validators: windowValidator },
  );
}

/** The window a group holds, with its times as ISO 8601 with offset. */
export function freezeWindowOf(group: FreezeWindowGroup): FreezeWindow {
  const { Name, Start, End, Reason } = group.getRawValue();
  const reason = Reason.trim();
  return {
    ...(Name === '' ? {} : { Name }),
    Start: fromLocalDateTime(Start),
    End: fromLocalDateTime(End),
    ...(reason === '' ? {} : { Reason: reason }),
  };
}
