import type { ComponentFixture } from '@angular/core/testing';

/** Lets a spec's page finish its awaited work (a flushed reply, a click handler) and render it. */
export async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let turn = 0; turn < 3; turn++) {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    await fixture.whenStable();
  }
}
