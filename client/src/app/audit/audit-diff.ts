import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { AuditEntry } from '@shared/audit/audit-entry';
import { lineDiff } from './line-diff';
import { stableJson } from './stable-json';

/**
 * An audit entry's old and new value side by side, as sorted JSON: removed lines on the left and added
 * lines on the right are coloured and marked with -/+ and hidden words for screen readers. A created
 * record shows only its new value, a deleted one only its old value.
 */
@Component({
  selector: 'app-audit-diff',
  templateUrl: './audit-diff.html',
  styleUrl: './audit-diff.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditDiff {
  /** The entry whose values are compared. */
  readonly entry = input.required<AuditEntry>();

  /** The old value's lines (empty for a created record). */
  readonly oldLines = computed(() => stableJson(this.entry().OldValue));
  /** The new value's lines (empty for a deleted record). */
  readonly newLines = computed(() => stableJson(this.entry().NewValue));
  /** Whether there is only one side to show, so a diff would say nothing. */
  readonly oneSided = computed(() => this.oldLines().length === 0 || this.newLines().length === 0);
  /** The aligned rows of the two values. */
  readonly rows = computed(() => lineDiff(this.oldLines(), this.newLines()));
  /** How many lines went and came, for the summary. */
  readonly counts = computed(() => ({
    removed: this.rows().filter((row) => row.old && row.change !== 'same').length,
    added: this.rows().filter((row) => row.new && row.change !== 'same').length,
  }));
}
