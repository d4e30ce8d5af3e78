import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { DeploymentMap } from '@shared/catalogue/deployment-map';
import { AuthSession } from '../../core/auth-session';
import { ProblemBanner } from '../../core/problem-banner';
import { ConfigRecords } from '../config-kit/config-records';
import { editBlocker } from '../config-kit/edit-blocker';
import { ListFilter } from '../../core/list-filter';
import { ListPager } from '../../core/list-pager';
import { PagedList } from '../../core/paged-list';

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
  imports: [
    MatButtonModule,
    ListFilter,
    ListPager,
    MatProgressBarModule,
    MatTooltipModule,
    RouterLink,
    ProblemBanner,
  ],
  templateUrl: './deployment-map-list-page.html',
  styleUrl: '../config-kit/config-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeploymentMapListPage implements OnInit {
  private readonly router = inject(Router);
  private readonly user = inject(AuthSession).user;

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
  readonly createBlocker = computed(() =>
    editBlocker(this.user()?.grants ?? [], { action: 'edit-environments', scope: {} }),
  );

  ngOnInit(): void {
    void this.maps.load();
  }

  /** Opens the editor for a new map. */
  async create(): Promise<void> {
    if (!this.createBlocker()) {
      await this.router.navigate(['/configuration/deployment-maps/new']);
    }
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
