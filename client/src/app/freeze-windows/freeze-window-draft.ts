import type { FreezeWindow } from '@shared/catalogue/freeze-window';
import { FreezeWindow as FreezeWindowSchema } from '@shared/catalogue/freeze-window';
import { fromLocalDateTime } from '../core/local-date-time';

/** What the add-a-window form holds, as typed: a one-off's local start and end, or a recurring window's moments. */
export interface FreezeWindowDraft {
  readonly name: string;
  readonly kind: 'one-off' | 'recurring';
  /** `datetime-local` for a one-off, `Fri 16:00` (or `22:00`) for a recurring window. */
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly reason: string;
}

/** The window a draft describes, checked with the shared schema: the window, or the first problem and its field. */
export function windowOfDraft(
  draft: FreezeWindowDraft,
): { window: FreezeWindow } | { field: string; message: string } {
  const reason = draft.reason.trim();
  const candidate =
    draft.kind === 'one-off'
      ? {
          Name: draft.name.trim(),
          Start: fromLocalDateTime(draft.start),
          End: fromLocalDateTime(draft.end),
          ...(reason ? { Reason: reason } : {}),
        }
      : {
          Name: draft.name.trim(),
          Recurring: { Start: draft.start.trim(), End: draft.end.trim(), TimeZone: draft.timeZone.trim() },
          ...(reason ? { Reason: reason } : {}),
        };
  const parsed = FreezeWindowSchema.safeParse(candidate);
  if (parsed.success) {
    return { window: parsed.data };
  }
  const issue = parsed.error.issues[0]!;
  return { field: issue.path.map(String).join('.'), message: issue.message };
}

/** The browser's own time zone, offered as a recurring window's default. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
