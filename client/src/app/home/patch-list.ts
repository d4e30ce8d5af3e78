import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { PatchOperation } from '@shared/patches/patch';
import { patchProgress, progressInWords } from './home-patches';
import { ShortList } from './short-list';

/**
 * Image patches in a home panel: each links to it on the Patching screen, with its status, how many of its
 * groups are done, who started it and when.
 */
@Component({
  selector: 'app-patch-list',
  imports: [DatePipe, MatButtonModule, RouterLink],
  template: `
    <ul class="items">
      @for (p of list.shown(); track p.PatchID) {
        <li>
          <a routerLink="/patching" [queryParams]="{ patch: p.PatchID }"
            >Patch of {{ p.EnvironmentName }}{{ p.Cluster ? ' (' + p.Cluster + ')' : '' }} onto
            {{ p.ToImage === 'latest-stable' ? 'the latest stable image' : p.ToImage }}</a
          >
          <div class="detail">
            {{ p.Status }} · {{ progress(p) }} · started by {{ p.User }} at
            {{ p.StartTimestamp | date: 'yyyy-MM-dd HH:mm' }}
          </div>
        </li>
      }
    </ul>
    @if (list.hidden() > 0 || list.collapsible()) {
      <p class="more">
        <button mat-button type="button" (click)="list.toggle()" [attr.aria-expanded]="list.collapsible()">
          {{ list.collapsible() ? 'Show fewer patches' : 'Show all ' + patches().length + ' patches' }}
        </button>
      </p>
    }
  `,
  styleUrl: './glance-items.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatchList {
  /** The patches, in the order to list them. */
  readonly patches = input.required<readonly PatchOperation[]>();

  /** The first few, or all of them when asked. */
  readonly list = new ShortList(this.patches);

  /** How many of the patch's groups are done, in words. */
  progress(patch: PatchOperation): string {
    return progressInWords(patchProgress(patch));
  }
}
