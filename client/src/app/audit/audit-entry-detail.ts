import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  input,
  output,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { AuditEntry } from '@shared/audit/audit-entry';
import { AuditDiff } from './audit-diff';
import { entityLink } from './entity-link';

/** One audit entry: who changed which record when, under which request, and the side-by-side diff. */
@Component({
  selector: 'app-audit-entry-detail',
  imports: [DatePipe, MatButtonModule, RouterLink, AuditDiff],
  templateUrl: './audit-entry-detail.html',
  styleUrl: './audit-entry-detail.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditEntryDetail {
  /** The entry shown. */
  readonly entry = input.required<AuditEntry>();
  /** Emitted when the user closes the entry. */
  readonly closed = output<void>();

  /** The page of the changed record, when the portal has one. */
  readonly link = computed(() => entityLink(this.entry().Entity.Type, this.entry().Entity.Key));

  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  /** Moves focus to the entry's heading, so keyboard and screen-reader users land on what they opened. */
  focus(): void {
    this.heading().nativeElement.focus();
  }
}
