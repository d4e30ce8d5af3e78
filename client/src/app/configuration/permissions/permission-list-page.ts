import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { Permission, type Scope } from '@shared/auth/permission';
import { AuthSession } from '../../core/auth-session';
import { ProblemBanner } from '../../core/problem-banner';
import { editBlocker } from '../config-kit/edit-blocker';
import { ConfigRecords } from '../config-kit/config-records';
import { ListFilter } from '../../core/list-filter';
import { ListPager } from '../../core/list-pager';
import { PagedList } from '../../core/paged-list';

/** Every permission record (one per user or group), filterable and paged, with its grants summarised. */
@Component({
  selector: 'app-permission-list-page',
  imports: [
    MatButtonModule,
    ListFilter,
    ListPager,
    MatProgressBarModule,
    MatTooltipModule,
    RouterLink,
    ProblemBanner,
  ],
  templateUrl: './permission-list-page.html',
  styleUrls: ['../config-kit/config-list.scss', './permission-list-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PermissionListPage implements OnInit {
  private readonly router = inject(Router);
  private readonly user = inject(AuthSession).user;

  /** The permission records and their loading and failure. */
  readonly records = new ConfigRecords({
    resource: 'permissions',
    schema: Permission,
    key: (record) => record.Name,
    noun: 'permission record',
  });
  /** The records shown: filtered by name or action, and paged. */
  readonly list = new PagedList(this.records.records, {
    text: (r) => [r.Name, ...r.Permissions.map((g) => g.Action)],
  });
  /** Why the signed-in user may not create records, or null. */
  readonly createBlocker = computed(() =>
    editBlocker(this.user()?.grants ?? [], { action: 'admin', everywhere: true }),
  );
  /** How a scope reads in a cell: "all" or the names. */
  scope(scope: Scope): string {
    return scope === 'all' ? 'all' : scope.join(', ');
  }

  ngOnInit(): void {
    void this.records.load();
  }

  /** Opens the editor for a new record. */
  async create(): Promise<void> {
    if (!this.createBlocker()) {
      await this.router.navigate(['/configuration/permissions/new']);
    }
  }
}
