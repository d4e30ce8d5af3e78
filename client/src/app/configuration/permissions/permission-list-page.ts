import { ChangeDetectionStrategy, Component, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { isGrant, Permission, type Grant, type OriginalRule, type Scope } from '@shared/auth/permission';
import { userBlocker } from '../config-kit/user-blocker';
import { ConfigRecords } from '../config-kit/config-records';
import { ListFilter } from '../../core/list-filter';
import { ListPager } from '../../core/list-pager';
import { PagedList } from '../../core/paged-list';
import { NewButton } from '../config-kit/new-button';
import { ConfigStatus } from '../config-kit/config-status';
import { originalRulesNote, originalRuleText } from './original-rule-text';

/**
 * Every permission record (one per user or group), filterable and paged, with its grants summarised and
 * the original's rules it still holds listed apart (they grant nothing).
 */
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
    text: (r) => [r.Name, ...r.Permissions.filter(isGrant).map((g) => g.Action)],
  });
  /** Why the signed-in user may not create records, or null. */
  readonly createBlocker = userBlocker({ action: 'admin', everywhere: true });
  /** Why the original's rules are listed apart. */
  readonly rulesNote = originalRulesNote;
  /** A rule of the original in words. */
  readonly ruleText = originalRuleText;

  /** A record's grants. */
  grants(record: Permission): Grant[] {
    return record.Permissions.filter(isGrant);
  }

  /** The original's rules a record still holds. */
  originalRules(record: Permission): OriginalRule[] {
    return record.Permissions.filter((e) => !isGrant(e));
  }

  /** How a scope reads in a cell: "all" or the names. */
  scope(scope: Scope): string {
    return scope === 'all' ? 'all' : scope.join(', ');
  }

  ngOnInit(): void {
    void this.records.load();
  }
}
