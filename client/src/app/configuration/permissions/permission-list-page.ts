import { ChangeDetectionStrategy, Component, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Permission, type Scope } from '@shared/auth/permission';
import { userBlocker } from '../config-kit/user-blocker';
import { ConfigRecords } from '../config-kit/config-records';
import { ListFilter } from '../../core/list-filter';
import { ListPager } from '../../core/list-pager';
import { PagedList } from '../../core/paged-list';
import { NewButton } from '../config-kit/new-button';
import { ConfigStatus } from '../config-kit/config-status';

/** Every permission record (one per user or group), filterable and paged, with its grants summarised. */
@Component({
  selector: 'app-permission-list-page',
  imports: [ListFilter, ListPager, RouterLink, NewButton, ConfigStatus],
  templateUrl: './permission-list-page.html',
  styleUrls: ['../config-kit/config-list.scss', './permission-list-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PermissionListPage implements OnInit {
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
  readonly createBlocker = userBlocker({ action: 'admin', everywhere: true });
  /** How a scope reads in a cell: "all" or the names. */
  scope(scope: Scope): string {
    return scope === 'all' ? 'all' : scope.join(', ');
  }

  ngOnInit(): void {
    void this.records.load();
  }
}
