import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import type { ApiProblem } from '../core/api-problem';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { stateText } from './toggle-summary';
import type { StaleToggles } from '@shared/toggles/feature-toggle';
import { TogglesApi } from './toggles-api';

/** How long a toggle has been settled before the report names it, unless the URL says (the server's default). */
const DEFAULT_DAYS = 30;

/**
 * The toggles ready to remove, by team: fully on or fully off, with no one listed, in every environment
 * they are set in for at least the days asked (`?days=`).
 */
@Component({
  selector: 'app-stale-toggles-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ProblemBanner,
  ],
  templateUrl: './stale-toggles-page.html',
  styleUrl: './stale-toggles-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaleTogglesPage {
  private readonly api = inject(TogglesApi);
  private readonly router = inject(Router);

  /** The days asked for (`?days=`), from the URL. */
  readonly daysParam = input<string | undefined>(undefined, { alias: 'days' });
  /** The days the report is for. */
  readonly days = computed(() => {
    const days = Number(this.daysParam());
    return Number.isInteger(days) && days >= 0 && this.daysParam() ? days : DEFAULT_DAYS;
  });

  /** The report, by team. */
  readonly report = signal<StaleToggles | null>(null);
  /** Whether it is being read. */
  readonly loading = signal(true);
  /** Why it could not be read. */
  readonly problem = signal<ApiProblem | null>(null);
  /** The days field. */
  readonly daysField = new FormControl(DEFAULT_DAYS, {
    nonNullable: true,
    validators: [Validators.required, Validators.min(0), Validators.max(3650)],
  });
  /** The form around it. */
  readonly form = new FormGroup({ days: this.daysField });
  /** A setting's state in words. */
  readonly stateOf = stateText;

  constructor() {
    effect(() => {
      const days = this.days();
      untracked(() => {
        this.daysField.setValue(days);
        void this.load(days);
      });
    });
  }

  /** Reads the report for the days typed. */
  show(): void {
    if (this.daysField.invalid) {
      this.daysField.markAsTouched();
      return;
    }
    void this.router.navigate([], { queryParams: { days: Math.floor(this.daysField.value) } });
  }

  private async load(days: number): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const report = await this.api.stale(days);
      this.report.set([...report].sort((a, b) => a.owner.localeCompare(b.owner)));
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The stale toggles could not be read.'));
    } finally {
      this.loading.set(false);
    }
  }
}
