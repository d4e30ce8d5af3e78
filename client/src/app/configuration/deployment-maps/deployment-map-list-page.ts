import { ChangeDetectionStrategy, Component, computed, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { DeploymentMap } from '@shared/catalogue/deployment-map';
import { ConfigRecords } from '../config-kit/config-records';
import { userBlocker } from '../config-kit/user-blocker';
import { ListFilter } from '../../core/list-filter';
import { ListPager } from '../../core/list-pager';
import { PagedList } from '../../core/paged-list';
import { NewButton } from '../config-kit/new-button';
import { ConfigStatus } from '../config-kit/config-status';

/** A deployment map as a list row: name, description and how much it holds. */
export interface DeploymentMapRow {
  readonly name: string;
  readonly description: string;
  readonly roles: number;
  readonly services: number;
}

/** Every deployment map, filterable and paged, with a way to create one. */
@Component({
  selector: 'app-deployment-map-list-page',
  imports: [ListFilter, ListPager, RouterLink, NewButton, ConfigStatus],
  templateUrl: './deployment-map-list-page.html',
  styleUrl: '../config-kit/config-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeploymentMapListPage implements OnInit {
  /** The deployment maps and their loading and failure. */
  readonly maps = new ConfigRecords({
    resource: 'deployment-maps',
    schema: DeploymentMap,
    key: (map) => map.DeploymentMapName,
    noun: 'deployment map',
  });
  /** The maps as rows, by name. */
  readonly rows = computed(() => this.maps.records().map(rowOf));
  /** The rows shown: filtered by name or description, and paged. */
  readonly list = new PagedList(this.rows, { text: (r) => [r.name, r.description] });
  /** Why the user may not create a map, or null. */
  readonly createBlocker = userBlocker({ action: 'edit-environments', scope: {} });

  ngOnInit(): void {
    void this.maps.load();
  }
}

function rowOf(map: DeploymentMap): DeploymentMapRow {
  return {
    name: map.DeploymentMapName,
    description: map.Value.Description ?? '',
    roles: map.Value.DeploymentTarget.length,
    services: map.Value.DeploymentTarget.reduce((sum, t) => sum + t.Services.length, 0),
  };
}
