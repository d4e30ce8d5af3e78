import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSliderModule } from '@angular/material/slider';
import { controlMessage } from '../core/server-field-errors';
import { percentText } from './toggle-summary';

/**
 * A toggle's share of users: a slider and a number field on one control, 0 to 100 in the 0.01 steps the
 * server keeps (the setting form and the deploy dialog's toggle changes).
 */
@Component({
  selector: 'app-percentage-field',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSliderModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
    }
    .slider {
      flex: 1;
      min-width: 12rem;
    }
    .percentage {
      width: 11rem;
    }
  `,
  template: `
    <label class="slider-label" [for]="sliderId()">Share of users</label>
    <mat-slider min="0" max="100" step="0.01" discrete [displayWith]="asPercent" class="slider">
      <input
        matSliderThumb
        [id]="sliderId()"
        [name]="sliderId()"
        [formControl]="control()"
        [attr.aria-valuetext]="valueText()"
      />
    </mat-slider>
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="percentage">
      <mat-label>Percentage</mat-label>
      <input
        matInput
        type="number"
        min="0"
        max="100"
        step="0.01"
        [name]="fieldName()"
        [formControl]="control()"
      />
      <span matTextSuffix>%</span>
      @if (hint(); as text) {
        <mat-hint>{{ text }}</mat-hint>
      }
      <mat-error>The percentage {{ message(control()) }}.</mat-error>
    </mat-form-field>
  `,
})
export class PercentageField {
  readonly control = input.required<FormControl<number>>();
  /** The slider's id (its label points at it). */
  readonly sliderId = input.required<string>();
  /** The number field's name (not `name`: the host would carry it as an attribute too). */
  readonly fieldName = input.required<string>();
  readonly hint = input<string>();
  readonly asPercent = (value: number): string => percentText(value);
  readonly message = controlMessage;

  /** What the slider says of its value: a cleared number field leaves the control null, whatever its type says. */
  protected valueText(): string {
    const value: number | null = this.control().value;
    return percentText(value ?? 0);
  }
}
