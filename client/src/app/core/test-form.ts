import type { TestRequest } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { MatTooltip } from '@angular/material/tooltip';
import { By } from '@angular/platform-browser';

/** Types into the page's field with this `name`, as a user would (one input event). */
export function typeInto(page: HTMLElement, name: string, value: string): void {
  const input = page.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

/** Chooses an option of the page's native select with this `name`. */
export function chooseIn(page: HTMLElement, name: string, value: string): void {
  const select = page.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

/** The texts of the field errors shown. */
export function fieldErrors(page: HTMLElement): (string | undefined)[] {
  return Array.from(page.querySelectorAll('mat-error')).map((e) => e.textContent?.trim());
}

/** The body a request sent, as plain JSON (undefined fields dropped, as on the wire), typed as loosely as `JSON.parse`. */
export function sentBody(request: Pick<TestRequest, 'request'>): ReturnType<typeof JSON.parse> {
  return JSON.parse(JSON.stringify(request.request.body));
}

/** The tooltip of the first element matching `css`: a disabled button's reason. */
export function tooltipOf(fixture: ComponentFixture<unknown>, css: string): string {
  return fixture.debugElement.query(By.css(css)).injector.get(MatTooltip).message;
}
